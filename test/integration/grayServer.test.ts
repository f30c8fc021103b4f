/**
 * Gray failures of the database for a local run (issue 21, item 0): a server
 * that stops answering without going away, frozen with SIGSTOP (its port,
 * its sessions and its locks kept), and a path that silently drops every
 * byte (support/tcpProxy.ts), then heals. Every run is the real CLI in its
 * own process, on a private mariadbd (support/privateMariadb.ts); a trigger
 * audits every write, so "each product written once" is checked row by row.
 *
 * Each statement has a reply deadline (`--statement-timeout`, 3 s here to keep
 * the suite short): past it the connection is destroyed and the statement is
 * retried as after a lost connection, so the run rides through a freeze, or
 * stops after `--server-wait` with a report `--resume` completes, or stops at
 * Ctrl-C within seconds, never hangs. The times printed are measured here and
 * only asserted against the length of the fault, never against a tight bound.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Redacted } from "effect"
import mysql from "mysql2/promise"
import { type CliProcess, startCli } from "../cli/run.ts"
import { type Frozen, resumeAll } from "./support/freeze.ts"
import { openPrivateMariadb } from "./support/privateMariadb.ts"
import { sleep } from "./support/serverProcess.ts"
import { openTcpProxy, type TcpProxy } from "./support/tcpProxy.ts"
import { seedProducts } from "./support/syncJob.ts"
import { installWriteAudit, writesOfRun } from "./support/writeAudit.ts"

const server = await openPrivateMariadb("gray")

const products = 2000
/** The fault starts once this many products are written: surely mid-run. */
const faultAfter = 300
/** Backstop against a hang, not a target: on a loaded 2-core machine one CLI start alone can take 40 s. */
const slowTestTimeoutMs = 300_000

interface JsonReport {
  readonly products: number
  readonly updated: number
  readonly failed: number
  readonly alreadySynced: number
  readonly outages: number
  readonly runId: string
  readonly stoppedBy?: string
  readonly failures: ReadonlyArray<{ readonly reason: string; readonly count: number }>
}

const reportOf = (stdout: string) => JSON.parse(stdout.trim().split("\n").pop()!) as JsonReport

describe.skipIf(server === undefined)("a database that stops answering without going away", () => {
  const s = server!
  const children: Array<CliProcess> = []
  const proxies: Array<TcpProxy> = []
  afterAll(async () => {
    resumeAll()
    for (const child of children) child.signal("SIGKILL")
    for (const proxy of proxies) await proxy.close()
    await s.cleanup()
  })

  const written = async (database: string) => {
    const [row] = await s.query(`SELECT COUNT(*) AS n FROM ${mysql.escapeId(database)}.product_writes`)
    return Number(row!["n"])
  }

  const prepare = async (database: string) => {
    await s.query(`CREATE DATABASE ${mysql.escapeId(database)}`)
    await seedProducts(s.url({ database }), products)
    await installWriteAudit(s.query, database)
  }

  const sync = (url: Redacted.Redacted<string>, extra: ReadonlyArray<string> = []) => {
    const cli = startCli([
      "sync",
      "--database-url",
      Redacted.value(url),
      "--products",
      String(products),
      "--concurrency",
      "8",
      "--pool",
      "4",
      "--supplier-latency",
      "10",
      "--statement-timeout",
      "3",
      "--json",
      ...extra,
    ])
    children.push(cli)
    return cli
  }

  /** Resolves once the run has written `faultAfter` products; fails if it ends first. */
  const midRun = async (database: string, cli: CliProcess) => {
    let ended = false
    void cli.done.then(() => (ended = true))
    const deadline = Date.now() + 180_000
    while (!ended && (await written(database)) < faultAfter) {
      if (Date.now() > deadline) throw new Error("the run wrote nothing for 180 s")
      await sleep(20)
    }
    if (ended) throw new Error(`the run ended before the fault:\n${(await cli.done).stderr}`)
  }

  /** Milliseconds until the run writes again after the fault ends (its recovery), at most `limitMs`. */
  const nextWrite = async (database: string, cli: CliProcess, limitMs = 60_000) => {
    const since = Date.now()
    const before = await written(database)
    let ended = false
    void cli.done.then(() => (ended = true))
    while (!ended && Date.now() - since < limitMs && (await written(database)) === before) await sleep(20)
    return Date.now() - since
  }

  const expectEachProductWrittenOnce = async (database: string, runId: string) => {
    expect(await writesOfRun(s.query, database, runId)).toEqual({ products, writes: products, twice: [] })
  }

  /** After a stop: `--resume` exits 0 and writes exactly what the first invocation did not. */
  const resumeToTheEnd = async (database: string, first: JsonReport) => {
    const second = await sync(s.url({ database }), ["--resume"]).done
    expect(second.code, second.stderr).toBe(0)
    const report = reportOf(second.stdout)
    expect(report).toMatchObject({ resumed: true, runId: first.runId, failed: 0 })
    expect(report.alreadySynced + report.updated).toBe(products)
    await expectEachProductWrittenOnce(database, first.runId)
  }

  it(
    "frozen with SIGSTOP for 12 s mid-run: statements past their deadline are retried once the server answers; the run finishes by itself, every product written once",
    async () => {
      await prepare("frozen")
      const cli = sync(s.url({ database: "frozen" }))
      await midRun("frozen", cli)
      const frozen = s.freeze()
      await sleep(12_000)
      frozen.resume()
      const resumedAt = Date.now()
      const recovery = await nextWrite("frozen", cli)
      const result = await cli.done
      console.log(
        `[gray] frozen 12 s: first write ${recovery} ms after SIGCONT, run ended ${Date.now() - resumedAt} ms after it`,
      )
      expect(result.code, result.stderr).toBe(0)
      const report = reportOf(result.stdout)
      expect(report).toMatchObject({ products, updated: products, failed: 0 })
      expect(report.outages).toBeGreaterThanOrEqual(1)
      await expectEachProductWrittenOnce("frozen", report.runId)
    },
    slowTestTimeoutMs,
  )

  it(
    "frozen and never back within --server-wait: the run stops by itself with a report (exit 1); once the server is back, --resume writes the rest, every product once",
    async () => {
      await prepare("away")
      const cli = sync(s.url({ database: "away" }), ["--server-wait", "5"])
      await midRun("away", cli)
      let frozen: Frozen | undefined = s.freeze()
      const frozenAt = Date.now()
      try {
        // A backstop far above deadline + serverWait (3 s + 5 s): the run must end while still frozen.
        const result = await Promise.race([cli.done, sleep(90_000).then(() => undefined)])
        expect(result, "the run did not stop while the server stayed frozen").toBeDefined()
        console.log(
          `[gray] frozen for good, --server-wait 5: the run stopped ${Date.now() - frozenAt} ms after SIGSTOP`,
        )
        expect(frozen.frozen()).toBe(true)
        expect(result!.code).toBe(1)
        const first = reportOf(result!.stdout)
        expect(first.stoppedBy).toMatch(/did not answer/)
        expect(first.updated + first.failed).toBe(products)
        frozen.resume()
        frozen = undefined
        await resumeToTheEnd("away", first)
      } finally {
        frozen?.resume()
      }
    },
    slowTestTimeoutMs,
  )

  // Ctrl-C (SIGINT), and SIGTERM as a service manager sends it: the same graceful stop.
  const stops = [["Ctrl-C", "SIGINT", "interrupted"], ["SIGTERM", "SIGTERM", "terminated"]] as const
  for (const [what, signal, database] of stops) {
    it(
      `${what} while the server is frozen: the process exits long before the server is back, statements it could not check reported 'unknown'; --resume settles them, every product once`,
      async () => {
        await prepare(database)
        const cli = sync(s.url({ database }))
        await midRun(database, cli)
        const freezeMs = 30_000
        let frozen: Frozen | undefined = s.freeze()
        try {
          await sleep(2_000)
          const signalledAt = Date.now()
          cli.signal(signal)
          const result = await Promise.race([cli.done, sleep(freezeMs).then(() => undefined)])
          const exitMs = Date.now() - signalledAt
          console.log(`[gray] ${what} with the server frozen: exited ${exitMs} ms after ${signal}`)
          expect(result, `no exit within the ${freezeMs} ms freeze`).toBeDefined()
          expect(frozen.frozen()).toBe(true)
          // 130 from the CLI; Deno reports a signalled child as 128 + the signal (143 for SIGTERM).
          expect([130, 143]).toContain(result!.code)
          const first = reportOf(result!.stdout)
          expect(first.updated + first.failed).toBe(products)
          expect(first.failures.map((group) => group.reason).join("\n")).toMatch(/unknown/)
          frozen.resume()
          frozen = undefined
          await resumeToTheEnd(database, first)
        } finally {
          frozen?.resume()
        }
      },
      slowTestTimeoutMs,
    )
  }

  it(
    "the path drops every byte for 8 s (a proxy blackholes), then heals: the run recovers by itself and exits 0, every product written once",
    async () => {
      await prepare("blackhole")
      const proxy = await openTcpProxy({ host: "127.0.0.1", port: s.port })
      proxies.push(proxy)
      const cli = sync(Redacted.make(`mysql://poolwise@127.0.0.1:${proxy.port}/blackhole`))
      await midRun("blackhole", cli)
      proxy.blackhole()
      await sleep(8_000)
      expect(proxy.swallowed()).toBeGreaterThan(0)
      proxy.heal()
      const healedAt = Date.now()
      const recovery = await nextWrite("blackhole", cli)
      const result = await cli.done
      console.log(
        `[gray] blackholed 8 s: first write ${recovery} ms after the heal, run ended ${
          Date.now() - healedAt
        } ms after it`,
      )
      expect(result.code, result.stderr).toBe(0)
      const report = reportOf(result.stdout)
      expect(report).toMatchObject({ products, updated: products, failed: 0 })
      await expectEachProductWrittenOnce("blackhole", report.runId)
    },
    slowTestTimeoutMs,
  )
})
