/**
 * poolwise/cluster against real runner processes and the real MariaDB: three
 * `poolwise runner` processes on one account capped at the cluster's budget
 * (3 runners x (job pool 2 + cluster pool 2) + 1 client = 13 connections),
 * 2,000 products submitted with `sync --cluster`, and a runner lost mid-run:
 * killed outright (an ordinary runner, then the coordinator's host) or
 * stopped with SIGTERM. Each time the run completes, a trigger proves every
 * product was written exactly once, and the account never held more than the
 * budget. A fourth runner beyond the budget refuses to start.
 *
 * The runners are shared by the scenarios: each one starts with three live
 * runners (a lost one is replaced on a new port) and a fresh run id (the
 * write audit is per run). The fault is triggered by the run's own progress
 * (sync_page_attempts), never by a fixed sleep. Outcomes only; the one
 * duration asserted is a generous bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Redacted } from "effect"
import { openHarness, type ThrowawayUser } from "./harness.ts"
import { queryOn } from "./support/adminQuery.ts"
import { clusterRunQueries, failoverOf } from "./support/clusterRun.ts"
import { type RunnerChild, startNodeCli, startRunner } from "./support/runnerProcess.ts"
import { sleep } from "./support/serverProcess.ts"
import { seedProducts } from "./support/syncJob.ts"
import { installWriteAudit, writesOfRun } from "./support/writeAudit.ts"

const harness = await openHarness("cluster")

const products = 2000
const pages = products / 25
const runnerFlags = { pool: 2, clusterPool: 2, concurrency: 20, supplierLatencyMs: 100 }
const budget = 3 * (runnerFlags.pool + runnerFlags.clusterPool) + 1
/** Backstops against a hang, not targets: a loaded 2-core machine starts a runner in tens of seconds. */
const startWithinMs = 120_000
const runWithinMs = 120_000
const scenarioTimeoutMs = 300_000
const coordinatorStarted = "coordinator started"
const underDeno = "deno" in process.versions

describe.skipIf(harness === undefined)("sync --cluster on 3 runner processes within one connection budget", () => {
  const h = harness!
  const query = queryOn(h.admin)
  const db = clusterRunQueries(query, h.database)
  let user: ThrowawayUser
  let url: Redacted.Redacted<string>
  const everyRunner: Array<RunnerChild> = []
  let live: Array<RunnerChild> = []

  const startReadyRunner = async (extra: { readonly budget?: number } = {}) => {
    const runner = await startRunner(url, { ...runnerFlags, ...extra })
    everyRunner.push(runner)
    await runner.waitFor("runner ready at", startWithinMs)
    return runner
  }

  /** Three live runners: a lost one is replaced once its registration is stale (it holds no connection). */
  const ensureThreeRunners = async () => {
    live = live.filter((runner) => !runner.exited())
    const deadline = Date.now() + 60_000
    while ((await db.freshRegistrations(10)).length > live.length) {
      if (Date.now() > deadline) throw new Error("a lost runner's budget registration never went stale")
      await sleep(200)
    }
    // One at a time, as an operator would: runners that join at the same instant can leave the
    // coordinator's shard unclaimed for a minute or more while their shard locks settle.
    while (live.length < 3) live.push(await startReadyRunner())
  }

  /** The runner that printed "coordinator started" last: the singleton's host. */
  const coordinatorHost = () =>
    live.filter((runner) => !runner.exited() && runner.lastSeen(coordinatorStarted) !== undefined)
      .sort((a, b) => b.lastSeen(coordinatorStarted)! - a.lastSeen(coordinatorStarted)!)[0]

  beforeAll(async () => {
    user = await h.createUser("capped", budget)
    url = h.url({ user })
    await seedProducts(url, products)
    await installWriteAudit(query, h.database)
    await ensureThreeRunners()
  }, scenarioTimeoutMs)

  afterAll(async () => {
    try {
      await Promise.all(everyRunner.map((runner) => runner.dispose()))
    } finally {
      await h.cleanup()
    }
  }, 120_000)

  /**
   * Submits the run, waits until a fifth of its pages ended while `pickVictim()`
   * has a page in progress, applies `fault` to it, and follows the run to its end.
   */
  const runWithFault = async (pickVictim: () => RunnerChild, fault: (victim: RunnerChild) => void) => {
    await ensureThreeRunners()
    const earlierRuns = new Set(await db.runIds())
    const watcher = h.watchConnections(user)
    const client = startNodeCli(["sync", "--cluster", "--products", String(products), "--json"], {
      MYSQL_URL: Redacted.value(url),
    })
    let runId: string | undefined
    try {
      const deadline = Date.now() + runWithinMs
      while ((runId = (await db.runIds()).find((id) => !earlierRuns.has(id))) === undefined) {
        if (client.exited() || Date.now() > deadline) throw new Error(`no run submitted:\n${client.output()}`)
        await sleep(20)
      }
      const victim = pickVictim()
      let killedAt: number
      while (true) {
        // The server's time is read before the state, so nothing runs between "the victim is busy" and the fault:
        // on a loaded machine one more round trip there was long enough for it to finish every page it had.
        const now = await db.serverNow()
        const state = await db.state(runId, victim.address)
        if (state.pagesDone >= pages / 5 && state.runnerBusy) {
          killedAt = now
          break
        }
        if (client.exited() || Date.now() > deadline) throw new Error(`the run never reached its fault point`)
        await sleep(20)
      }
      fault(victim)
      const ended = await client.waitForExit(runWithinMs)
      const peak = await watcher.stop()
      expect(ended, `the run ended within ${runWithinMs} ms of the fault`).toBe(true)
      expect(client.exitCode(), client.output()).toBe(0)
      const report = JSON.parse(client.stdout().trim().split("\n").at(-1)!)
      expect({ runId: report.runId, updated: report.updated, failed: report.failed }).toEqual({
        runId,
        updated: products,
        failed: 0,
      })
      expect(await writesOfRun(query, h.database, runId)).toEqual({ products, writes: products, twice: [] })
      expect(peak).toBeLessThanOrEqual(budget)
      const attempts = await db.attempts(runId)
      expect(new Set(attempts.filter((a) => a.endedAt !== null).map((a) => a.page)).size).toBe(pages)
      return { runId, victim, killedAt, peak, attempts, report }
    } finally {
      await watcher.stop()
      if (!client.exited()) client.process.kill("SIGKILL")
      // A run that did not finish is asked to stop, so the next scenario's run has the runners to itself.
      if (runId !== undefined) {
        await query(
          `UPDATE ${"`"}${h.database}${"`"}.sync_runs SET stop_requested = TRUE WHERE id = ? AND report IS NULL`,
          [runId],
        )
      }
    }
  }

  /** The victim's cut-off pages ran again on other runners and ended; logs the failover figures. */
  const expectPagesTakenOver = (run: Awaited<ReturnType<typeof runWithFault>>, what: string) => {
    const failover = failoverOf(run.attempts, run.victim.address, run.killedAt)
    expect(failover.cutOff.length).toBeGreaterThan(0)
    expect([...new Set(failover.redoneAndEnded)].sort()).toEqual([...new Set(failover.cutOff)].sort())
    console.info(
      `[cluster] ${what}: ${failover.cutOff.length} page(s) cut off, the first restarted elsewhere ` +
        `${failover.firstRestartMs} ms after; run ${run.report.elapsedMs} ms; peak ${run.peak}/${budget} connections`,
    )
  }

  it(
    "kill -9 of a runner that does not host the coordinator: its pages run elsewhere, each product written once, within the budget",
    async () => {
      const run = await runWithFault(
        () => live.find((runner) => runner !== coordinatorHost())!,
        (victim) => victim.process.kill("SIGKILL"),
      )
      expectPagesTakenOver(run, "kill -9 of a runner")
    },
    scenarioTimeoutMs,
  )

  it(
    "kill -9 of the coordinator's host: another runner takes the coordinator over and finishes the run, each product written once",
    async () => {
      let printedBefore = 0
      const run = await runWithFault(() => coordinatorHost()!, (victim) => {
        printedBefore = live.filter((r) => r !== victim).reduce((n, r) => n + r.count(coordinatorStarted), 0)
        victim.process.kill("SIGKILL")
      })
      const printedAfter = live.filter((r) => r !== run.victim).reduce((n, r) => n + r.count(coordinatorStarted), 0)
      expect(printedAfter).toBeGreaterThan(printedBefore)
      expectPagesTakenOver(run, "kill -9 of the coordinator's host")
    },
    scenarioTimeoutMs,
  )

  it(
    "SIGTERM of a runner mid-run: it hands over, exits 0 and drops its registration, the run completes, each product written once",
    async () => {
      const run = await runWithFault(
        () => live.find((runner) => runner !== coordinatorHost())!,
        (victim) => victim.process.kill("SIGTERM"),
      )
      expect(await run.victim.waitForExit(60_000)).toBe(true)
      // Under Deno the child reads as ended by the signal it was sent, even when it exited by itself (test/cli/run.ts).
      if (underDeno && run.victim.exitCode() === null) expect(run.victim.exitSignal()).toBe("SIGTERM")
      else expect(run.victim.exitCode(), run.victim.output()).toBe(0)
      expect(await db.registrations()).not.toContain(run.victim.address)
      const failover = failoverOf(run.attempts, run.victim.address, run.killedAt)
      console.info(
        `[cluster] SIGTERM of a runner: ${failover.cutOff.length} page(s) cut off, first restarted elsewhere ` +
          `${failover.firstRestartMs ?? "-"} ms after; run ${run.report.elapsedMs} ms; peak ${run.peak}/${budget}`,
      )
    },
    scenarioTimeoutMs,
  )

  it(
    "a fourth runner that would pass --budget 13 refuses to start, names the arithmetic and holds no connection",
    async () => {
      await ensureThreeRunners()
      const watcher = h.watchConnections(user)
      try {
        const fourth = await startRunner(url, { ...runnerFlags, budget })
        everyRunner.push(fourth)
        expect(await fourth.waitForExit(startWithinMs)).toBe(true)
        expect(fourth.exitCode()).not.toBe(0)
        expect(fourth.output()).toContain(`+ 1 for the client = 17 > budget ${budget} (--budget)`)
        expect(fourth.output()).not.toContain("runner ready at")
        expect(await db.registrations()).not.toContain(fourth.address)
        expect(await h.connectionsOf(user)).toBeLessThanOrEqual(budget - 1)
      } finally {
        expect(await watcher.stop()).toBeLessThanOrEqual(budget)
      }
    },
    scenarioTimeoutMs,
  )

  it(
    "a second cluster on another database of the same server runs beside this one: shard locks are per database",
    async () => {
      await ensureThreeRunners()
      // MySQL's named locks are the server's: with @effect/cluster's default lock names this runner would
      // take shards this file's runners hold (or wait for them), and one of the two runs would stall.
      const other = await h.createDatabase("other")
      const otherUrl = h.url({ database: other })
      await seedProducts(otherUrl, 200)
      const neighbour = await startRunner(otherUrl, { ...runnerFlags, budget: undefined })
      everyRunner.push(neighbour)
      await neighbour.waitFor("runner ready at", startWithinMs)
      const theirs = startNodeCli(["sync", "--cluster", "--products", "200", "--json"], {
        MYSQL_URL: Redacted.value(otherUrl),
      })
      const ours = startNodeCli(["sync", "--cluster", "--products", String(products), "--json"], {
        MYSQL_URL: Redacted.value(url),
      })
      try {
        expect(await theirs.waitForExit(runWithinMs), theirs.output()).toBe(true)
        expect(await ours.waitForExit(runWithinMs), ours.output()).toBe(true)
        for (const [client, expected] of [[theirs, 200], [ours, products]] as const) {
          expect(client.exitCode(), client.output()).toBe(0)
          expect(JSON.parse(client.stdout().trim().split("\n").at(-1)!)).toMatchObject({ updated: expected, failed: 0 })
        }
      } finally {
        for (const client of [theirs, ours]) if (!client.exited()) client.process.kill("SIGKILL")
        await neighbour.dispose()
      }
    },
    scenarioTimeoutMs,
  )
})
