/**
 * The database server itself goes away: killed mid-sync (SIGKILL, as in a
 * crash or a failover) and back about 5 s later, killed and back only after
 * the run has ended, or down when the job starts. The server is the test's
 * own (support/privateMariadb.ts), never the shared one. A trigger audits
 * every write, so "no product written twice" is checked row by row, and a gate
 * holds the writes of the last two thirds until the crash, so the run is
 * surely mid-flight when the server dies. Outcomes only, never durations.
 *
 * Each test states today's behaviour (no retries, no waiting for the server:
 * what the server could not take is reported, and a resume finishes the job)
 * next to the guarantee that stays: every product written exactly once.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import mysql from "mysql2/promise"
import { ProductId, simulatedStatus, type SyncReport } from "poolwise/sync"
import { runCli, startCli } from "../cli/run.ts"
import { pollUntil } from "./harness.ts"
import { openPrivateMariadb } from "./support/privateMariadb.ts"
import { sleep } from "./support/serverProcess.ts"
import { pooledSync, seedProducts, sqlJobLayer } from "./support/syncJob.ts"
import {
  closeWriteGate,
  installWriteAudit,
  installWriteGate,
  writersAtGate,
  writesOfRun,
} from "./support/writeAudit.ts"

const server = await openPrivateMariadb("crash")

const products = 3000
/** Writes of products above this id wait at the gate until the crash. */
const gateFrom = 1000
const downtimeMs = 5_000
/** A backstop against a hang, not a target: on a loaded 2-core machine one CLI start alone can take 40 s. */
const slowTestTimeoutMs = 300_000
/** The simulated supplier's seed, the CLI's default. */
const seed = 1

const stack = (url: Redacted.Redacted<string>) => sqlJobLayer(url, 4, { seed, latency: "10 millis" })
const sync = pooledSync(products, 8)

const expectedSums = Array.from({ length: products }, (_, i) => simulatedStatus(ProductId.make(i + 1), seed)).reduce(
  (sums, status) => ({
    stock: sums.stock + status.stock,
    discontinued: sums.discontinued + Number(status.discontinued),
  }),
  { stock: 0, discontinued: 0 },
)

/**
 * What a crash looks like to the job: a statement cut off ("Connection lost",
 * a reset), a refused connection while the server is away, or a product never
 * tried because reading the next page of ids failed.
 */
const crashSignature = /Connection lost|ECONNREFUSED|ECONNRESET|EPIPE|not attempted/

interface JsonReport {
  readonly products: number
  readonly updated: number
  readonly failed: ReadonlyArray<{ readonly id: number; readonly reason: string }>
  readonly runId: string
  readonly resumed: boolean
  readonly alreadySynced: number
}

describe.skipIf(server === undefined)("the database server crashes (SIGKILL) or is down", () => {
  const s = server!
  afterAll(() => s.cleanup())

  const count = async (database: string, where: string, values: Array<unknown> = []) => {
    const [row] = await s.query(`SELECT COUNT(*) AS n FROM ${mysql.escapeId(database)}.products WHERE ${where}`, values)
    return Number(row!["n"])
  }

  /** A database with the products, the write audit and the gate, closed. Returns its URL. */
  const prepare = async (database: string) => {
    await s.query(`CREATE DATABASE ${mysql.escapeId(database)}`)
    await seedProducts(s.url({ database }), products)
    await installWriteAudit(s.query, database)
    await installWriteGate(s.query, database, gateFrom)
    await closeWriteGate(s.query, database)
    return s.url({ database })
  }

  /** Resolves once a write of `run` waits at the gate; fails at once if the run ends first. */
  const waitForGate = async (database: string, run: Promise<unknown>) => {
    let ended = false
    void run.then(() => (ended = true), () => (ended = true))
    await Effect.runPromise(
      pollUntil(
        Effect.promise(async () => ended || (await writersAtGate(s.query, database)) > 0),
        (done) => done,
        "120 seconds",
      ),
    )
    if (ended) throw new Error("the run ended before any of its writes reached the gate")
  }

  /** Once the run's writes wait at the gate: SIGKILL, about 5 s down, start again (which opens the gate). */
  const crashMidRun = async (database: string, run: Promise<unknown>) => {
    await waitForGate(database, run)
    await s.kill9()
    await sleep(downtimeMs)
    await s.start()
  }

  /** Every product carries the run's id and the supplier's values, and the run wrote each one exactly once. */
  const expectEachProductWrittenOnce = async (database: string, runId: string) => {
    expect(await count(database, "NOT (sync_run_id <=> ?)", [runId])).toBe(0)
    const [sums] = await s.query(
      `SELECT SUM(stock) AS stock, SUM(discontinued) AS discontinued FROM ${mysql.escapeId(database)}.products`,
    )
    expect({ stock: Number(sums!["stock"]), discontinued: Number(sums!["discontinued"]) }).toEqual(expectedSums)
    expect(await writesOfRun(s.query, database, runId)).toEqual({ products, writes: products, twice: [] })
  }

  /** A library run that ended with failures: `resume: true` writes exactly the rest, each product once in all. */
  const resumeToTheEnd = async (database: string, url: Redacted.Redacted<string>, first: SyncReport) => {
    // Today: no retries by default, so the crash shows in the report; no product is lost.
    expect(first.updated + first.failed.length).toBe(products)
    expect(first.failed.length).toBeGreaterThan(0)
    for (const failure of first.failed) expect(failure.reason).toMatch(crashSignature)
    const written = await count(database, "sync_run_id = ?", [first.runId])
    // A write whose reply the crash swallowed may have landed while reported failed.
    expect(written).toBeGreaterThanOrEqual(first.updated)

    const second = await Effect.runPromise(sync({ resume: true }).pipe(Effect.provide(stack(url))))
    expect(second).toMatchObject({
      resumed: true,
      runId: first.runId,
      alreadySynced: written,
      updated: products - written,
      failed: [],
    })
    await expectEachProductWrittenOnce(database, first.runId)
  }

  it(
    "library, default options, today: the writes cut off by the crash and every product tried while the server is away fail, the run goes on once it is back, and `resume: true` finishes the job with no product written twice",
    async () => {
      const url = await prepare("library")
      const running = Effect.runPromise(sync({}).pipe(Effect.provide(stack(url))))
      const [first] = await Promise.all([running, crashMidRun("library", running)])
      await resumeToTheEnd("library", url, first)
    },
    slowTestTimeoutMs,
  )

  it(
    "CLI, default flags, today: exit 1 after the crash, with the crash's failures in the report and `sync --resume` named; `sync --resume` then exits 0, with no product written twice",
    async () => {
      const url = await prepare("cli")
      const args = ["sync", "--database-url", Redacted.value(url), "--products", String(products)]
      const cli = startCli(args)
      const [first] = await Promise.all([cli.done, crashMidRun("cli", cli.done)])

      // Today: the run ends with failures (exit 1) and says how to finish it.
      expect(first.code).toBe(1)
      const totals = /updated (\d+) of (\d+), failed (\d+)/.exec(first.stdout)
      expect(totals?.slice(1).map(Number)).toEqual([expect.any(Number), products, expect.any(Number)])
      const [updated, , failed] = totals!.slice(1).map(Number) as [number, number, number]
      expect(failed).toBeGreaterThan(0)
      expect(updated + failed).toBe(products)
      for (const [, reason] of first.stdout.matchAll(/^ {2}failed: (.*): ids /gm)) {
        expect(reason).toMatch(crashSignature)
      }
      const runId = /run (\S+): `sync --resume` continues it/.exec(first.stdout)?.[1]
      expect(runId).toBeDefined()
      const written = await count("cli", "sync_run_id = ?", [runId])
      expect(written).toBeGreaterThanOrEqual(updated)

      const second = await runCli([...args, "--resume", "--json"])
      expect(second.code).toBe(0)
      const report = JSON.parse(second.stdout.trim().split("\n").pop()!) as JsonReport
      expect(report).toMatchObject({
        products,
        resumed: true,
        runId,
        alreadySynced: written,
        updated: products - written,
        failed: [],
      })
      await expectEachProductWrittenOnce("cli", runId!)
    },
    slowTestTimeoutMs,
  )

  it(
    "library, default options, a server that stays away, today: the run ends by itself with every product it could not write reported; once the server is back, `resume: true` finishes the job with no product written twice",
    async () => {
      const url = await prepare("away")
      const running = Effect.runPromise(sync({}).pipe(Effect.provide(stack(url))))
      await waitForGate("away", running)
      await s.kill9()
      const first = await running
      await s.start()
      await resumeToTheEnd("away", url, first)
    },
    slowTestTimeoutMs,
  )

  it(
    "CLI, the first connection at startup, today: a server that is down when the job starts ends it at once: exit 1 with 'Cannot connect to MySQL at …' naming the endpoint",
    async () => {
      await s.stop()
      try {
        const url = s.url({ database: "startup" })
        const result = await runCli(["sync", "--database-url", Redacted.value(url), "--products", "10"])
        expect(result.code).toBe(1)
        expect(result.stderr).toContain(
          `Cannot connect to MySQL at poolwise@127.0.0.1:${s.port}/startup: connect ECONNREFUSED`,
        )
      } finally {
        await s.start()
      }
    },
    slowTestTimeoutMs,
  )
})
