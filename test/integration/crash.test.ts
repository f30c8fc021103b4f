/**
 * The database server itself goes away: killed mid-sync (SIGKILL, as in a
 * crash or a failover) and back about 5 s later, killed and back only after
 * the run has ended, or down when the job starts. The server is the test's
 * own (support/privateMariadb.ts), never the shared one. A trigger audits
 * every write, so "no product written twice" is checked row by row, and a gate
 * holds the writes of the last two thirds until the crash, so the run is
 * surely mid-flight when the server dies. Outcomes only, never durations.
 *
 * With default options the job waits for a server that went away (30 s by
 * default) and goes on; a server that stays away longer ends the run with a
 * report that a resume completes. Either way every product is written exactly
 * once.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import mysql from "mysql2/promise"
import { defaultRetryPolicy, type SyncReport } from "poolwise/sync"
import { supplierAnswers } from "../support/supplierAnswers.ts"
import { startCli } from "../cli/run.ts"
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
const answerOf = supplierAnswers(seed)

const stack = (url: Redacted.Redacted<string>) => sqlJobLayer(url, 4, { seed, latency: "10 millis" })
const sync = pooledSync(products, 8)

const expectedSums = Array.from({ length: products }, (_, i) => answerOf(i + 1)).reduce(
  (sums, status) => ({
    stock: sums.stock + status.stock,
    discontinued: sums.discontinued + Number(status.discontinued),
  }),
  { stock: 0, discontinued: 0 },
)

/**
 * What a server that stays away leaves in the report: a statement cut off
 * ("Connection lost", a reset, "interrupted" when the write did not land,
 * "unknown" when the server could not be asked whether it landed), a refused
 * connection, or a product never tried because the run stopped.
 */
const crashSignature = /Connection lost|ECONNREFUSED|ECONNRESET|EPIPE|not attempted|interrupted|unknown/

interface JsonReport {
  readonly products: number
  readonly updated: number
  readonly failed: number
  readonly runId: string
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
    expect(first.updated + first.failed).toBe(products)
    expect(first.failed).toBeGreaterThan(0)
    for (const group of first.failures) expect(group.reason).toMatch(crashSignature)
    const written = await count(database, "sync_run_id = ?", [first.runId])
    // A write whose reply the crash swallowed may have landed while reported failed.
    expect(written).toBeGreaterThanOrEqual(first.updated)

    const second = await Effect.runPromise(sync({ resume: true }).pipe(Effect.provide(stack(url))))
    expect(second).toMatchObject({
      resumed: true,
      runId: first.runId,
      alreadySynced: written,
      updated: products - written,
      failed: 0,
    })
    await expectEachProductWrittenOnce(database, first.runId)
  }

  it(
    "library, default options: the run waits while the server is away and goes on once it is back; every product is written exactly once",
    async () => {
      const url = await prepare("library")
      const running = Effect.runPromise(sync({}).pipe(Effect.provide(stack(url))))
      const [report] = await Promise.all([running, crashMidRun("library", running)])
      expect(report).toMatchObject({ products, updated: products, failed: 0 })
      expect(report.outages).toBeGreaterThanOrEqual(1)
      await expectEachProductWrittenOnce("library", report.runId)
    },
    slowTestTimeoutMs,
  )

  it(
    "CLI, default flags: the run rides through the crash and exits 0; every product is written exactly once",
    async () => {
      const url = await prepare("cli")
      const cli = startCli(["sync", "--database-url", Redacted.value(url), "--products", String(products), "--json"])
      const [result] = await Promise.all([cli.done, crashMidRun("cli", cli.done)])
      expect(result.code).toBe(0)
      const report = JSON.parse(result.stdout.trim().split("\n").pop()!) as JsonReport
      expect(report).toMatchObject({ products, updated: products, failed: 0 })
      await expectEachProductWrittenOnce("cli", report.runId)
    },
    slowTestTimeoutMs,
  )

  it(
    "library, a server that stays away longer than `serverWait`: the run ends with every product it could not write reported; once the server is back, `resume: true` finishes the job with no product written twice",
    async () => {
      const url = await prepare("away")
      const running = Effect.runPromise(
        sync({ retry: { ...defaultRetryPolicy, serverWait: "3 seconds" } }).pipe(Effect.provide(stack(url))),
      )
      await waitForGate("away", running)
      await s.kill9()
      const first = await running
      expect(first.stoppedBy).toMatch(/did not answer/)
      await s.start()
      await resumeToTheEnd("away", url, first)
    },
    slowTestTimeoutMs,
  )

  it(
    "CLI, the first connection at startup: a server that comes up after the job started is waited for, and the run exits 0",
    async () => {
      await s.query("CREATE DATABASE startup")
      await s.stop()
      const cli = startCli([
        "sync",
        "--database-url",
        Redacted.value(s.url({ database: "startup" })),
        "--products",
        "10",
      ])
      try {
        await cli.waitFor("sync 10 products on")
      } finally {
        await s.start()
      }
      const result = await cli.done
      expect(result.code).toBe(0)
      expect(result.stdout).toContain("updated 10 of 10, failed 0")
    },
    slowTestTimeoutMs,
  )
})
