/**
 * Gray failures of poolwise/cluster on real runner processes and the real
 * MariaDB: a runner that stops answering without going away. Three
 * `poolwise runner` processes, each behind its own TCP proxy to the database,
 * on one account capped at the cluster's budget; 2,000 products submitted with
 * `sync --cluster`, and mid-run one runner is frozen with SIGSTOP (its
 * process alive, its connections open; an ordinary runner, then the
 * coordinator's host) or cut off from the database (its proxy swallows every
 * byte, nothing closes). The runners are shared: a stuck runner comes back
 * and serves the next scenario.
 *
 * Each time the run finishes while the runner is still stuck: its shard leases
 * lapse and the others take its pages over. A trigger proves every product was
 * written exactly once, the account never held more than the budget, and the
 * run ended within a bound measured from the fault. Then the runner comes back
 * and is fenced: nothing it had started is reported, its late writes change
 * nothing, and it rejoins the cluster with fresh leases.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import mysql from "mysql2/promise"
import { Redacted } from "effect"
import { openHarness, type ThrowawayUser } from "./harness.ts"
import { queryOn } from "./support/adminQuery.ts"
import { clusterRunQueries, failoverOf } from "./support/clusterRun.ts"
import { resumeAll } from "./support/freeze.ts"
import { type RunnerChild, startNodeCli, startRunner } from "./support/runnerProcess.ts"
import { sleep } from "./support/serverProcess.ts"
import { seedProducts } from "./support/syncJob.ts"
import { installWriteAudit, writesOfRun } from "./support/writeAudit.ts"

const harness = await openHarness("cluster_gray")

const products = 750
const pages = products / 25
const runnerFlags = { pool: 2, clusterPool: 2, concurrency: 20, supplierLatencyMs: 150 }
const budget = 3 * (runnerFlags.pool + runnerFlags.clusterPool) + 1
/** The runners' shard lease (runnerShardingDefaults.shardLockExpiration). */
const leaseMs = 6_000
/** Backstops against a hang, not targets: a loaded 2-core machine starts a runner in tens of seconds. */
const startWithinMs = 120_000
/** From the fault to the run's end: the lease, a takeover, the rest of the run, and a busy machine's slack. */
const endWithinMs = 90_000
const scenarioTimeoutMs = 300_000
const coordinatorStarted = "coordinator started"

describe.skipIf(harness === undefined)("sync --cluster with a runner stuck alive (frozen or cut off)", () => {
  const h = harness!
  const query = queryOn(h.admin)
  const db = clusterRunQueries(query, h.database)
  let user: ThrowawayUser
  let url: Redacted.Redacted<string>
  const live: Array<RunnerChild> = []

  /** The runner that printed "coordinator started" last: the singleton's host. */
  const coordinatorHost = () =>
    live.filter((runner) => !runner.exited() && runner.lastSeen(coordinatorStarted) !== undefined)
      .sort((a, b) => b.lastSeen(coordinatorStarted)! - a.lastSeen(coordinatorStarted)!)[0]

  /** Shards whose lease `runner` holds now (the cluster's lock table, read by the database's clock). */
  const leasesOf = async (runner: string) => {
    const [table] = await query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = ? AND table_name LIKE 'cluster\\_%\\_locks'`,
      [h.database],
    )
    const rows = await query(
      `SELECT COUNT(*) AS n FROM ${mysql.escapeId(h.database)}.${mysql.escapeId(String(table!["name"]))}
        WHERE address = ? AND acquired_at >= NOW() - INTERVAL ? SECOND`,
      [runner, leaseMs / 1000],
    )
    return Number(rows[0]!["n"])
  }

  /** The runners' registrations, the account's sessions and the server's open transactions, printed as JSON. */
  const printDiagnosis = async () => {
    const database = mysql.escapeId(h.database)
    const views = {
      registrations:
        `SELECT runner, CAST(seen_at AS CHAR) AS seen, CAST(NOW(3) AS CHAR) AS now FROM ${database}.runner_budget`,
      sessions: `SELECT ID, HOST, COMMAND, TIME, STATE, LEFT(INFO, 200) AS info FROM information_schema.PROCESSLIST
                  WHERE DB = '${h.database}'`,
      transactions: `SELECT trx_mysql_thread_id, trx_state, trx_started, LEFT(trx_query, 200) AS q, trx_rows_locked
                      FROM information_schema.INNODB_TRX`,
    }
    for (const [name, sql] of Object.entries(views)) {
      console.info(`[cluster-gray] after a failed run, ${name}: ${JSON.stringify(await query(sql))}`)
    }
    for (const runner of live) console.info(`[cluster-gray] runner ${runner.address}:\n${runner.output().slice(-3000)}`)
  }

  beforeAll(async () => {
    user = await h.createUser("capped", budget)
    url = h.url({ user })
    await seedProducts(url, products)
    await installWriteAudit(query, h.database)
    // One at a time, as an operator would (see cluster.test.ts); each behind its own proxy, to be cut off.
    while (live.length < 3) {
      const runner = await startRunner(url, runnerFlags, { ownProxy: true })
      live.push(runner)
      await runner.waitFor("runner ready at", startWithinMs)
    }
  }, scenarioTimeoutMs)

  afterAll(async () => {
    try {
      resumeAll()
      await Promise.all(live.map((runner) => runner.dispose()))
    } finally {
      await h.cleanup()
    }
  }, 120_000)

  /**
   * Submits a run, waits until a fifth of its pages ended while `victim` has a
   * page in progress, makes it stuck with `fault`, and follows the run to its
   * end while the victim stays stuck. Then lets it come back with `recover`.
   */
  /** The fault of a frozen process (SIGSTOP), as runWithStuckRunner takes it: apply, undo, still holding. */
  const freezing = () => {
    let frozen: ReturnType<RunnerChild["freeze"]> | undefined
    return [
      (victim: RunnerChild) => void (frozen = victim.freeze()),
      () => frozen!.resume(),
      () => frozen!.frozen(),
    ] as const
  }

  const runWithStuckRunner = async (
    victim: RunnerChild,
    fault: (victim: RunnerChild) => void,
    recover: (victim: RunnerChild) => void,
    stillStuck: (victim: RunnerChild) => boolean,
  ) => {
    expect(live.every((runner) => !runner.exited())).toBe(true)
    const earlierRuns = new Set(await db.runIds())
    const watcher = h.watchConnections(user)
    const client = startNodeCli(["sync", "--cluster", "--products", String(products), "--json"], {
      MYSQL_URL: Redacted.value(url),
    })
    let runId: string | undefined
    try {
      const deadline = Date.now() + startWithinMs
      while ((runId = (await db.runIds()).find((id) => !earlierRuns.has(id))) === undefined) {
        if (client.exited() || Date.now() > deadline) throw new Error(`no run submitted:\n${client.output()}`)
        await sleep(20)
      }
      let faultAt: number
      while (true) {
        const now = await db.serverNow()
        const state = await db.state(runId, victim.address)
        if (state.pagesDone >= pages / 5 && state.runnerBusy) {
          faultAt = now
          break
        }
        if (client.exited() || Date.now() > deadline) throw new Error(`the run never reached its fault point`)
        await sleep(20)
      }
      fault(victim)
      const faultedAt = Date.now()
      const ended = await client.waitForExit(endWithinMs)
      const endedAfterMs = Date.now() - faultedAt
      const stuckAtEnd = stillStuck(victim)
      const peak = await watcher.stop()
      // A failed run leaves what a maintainer needs in the log: the heartbeats, the sessions, the open transactions.
      if (client.exitCode() !== 0) await printDiagnosis()
      expect(ended, `the run ended within ${endWithinMs} ms of the fault`).toBe(true)
      expect(stuckAtEnd, "the run finished while the runner was still stuck").toBe(true)
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
      const failover = failoverOf(attempts, victim.address, faultAt)
      // Its pages in progress were taken over (not waited for) and ended elsewhere.
      expect(failover.cutOff.length).toBeGreaterThan(0)
      expect([...new Set(failover.redoneAndEnded)].sort()).toEqual([...new Set(failover.cutOff)].sort())

      // It comes back: fenced, then a member again. Not before it has stood still longer than its lease by its own
      // clock: on an idle machine the run can end ~5 s after the fault (its last refresh came up to 2 s before).
      const heldFor = Date.now() - faultedAt
      if (heldFor < leaseMs + 2_000) await sleep(leaseMs + 2_000 - heldFor)
      recover(victim)
      const backDeadline = Date.now() + startWithinMs
      while ((await leasesOf(victim.address)) === 0) {
        if (victim.exited() || Date.now() > backDeadline) {
          throw new Error(`the runner never held a lease again:\n${victim.output()}`)
        }
        await sleep(200)
      }
      // Holding fresh leases means its shard refresh ran since it came back: whatever it had started was
      // stopped or refused by then. None of its cut-off pages is reported, and its late writes changed nothing.
      const after = await db.attempts(runId)
      expect(after.filter((a) => a.runner === victim.address && failover.cutOff.includes(a.page) && a.endedAt !== null))
        .toEqual([])
      expect(await writesOfRun(query, h.database, runId)).toEqual({ products, writes: products, twice: [] })
      expect(victim.exited(), victim.output()).toBe(false)
      return { failover, endedAfterMs, peak, report }
    } finally {
      await watcher.stop()
      if (!client.exited()) client.process.kill("SIGKILL")
      if (runId !== undefined) {
        await query(
          `UPDATE ${mysql.escapeId(h.database)}.sync_runs SET stop_requested = TRUE WHERE id = ? AND report IS NULL`,
          [runId],
        )
      }
    }
  }

  it(
    "a runner frozen with SIGSTOP past its lease: its pages move and the run ends while it is frozen, each product written once; resumed, it reports nothing it had started and rejoins",
    async () => {
      const victim = live.find((runner) => runner !== coordinatorHost())!
      const run = await runWithStuckRunner(victim, ...freezing())
      // Its stall watcher says so once its event loop turns again (the output is read as it comes).
      const sawStall = Date.now() + 30_000
      while (!victim.output().includes("stood still for") && Date.now() < sawStall) await sleep(200)
      expect(victim.output()).toContain("stood still for")
      console.info(
        `[cluster-gray] runner frozen: ${run.failover.cutOff.length} page(s) cut off, the first restarted elsewhere ` +
          `${run.failover.firstRestartMs} ms after the freeze; run ended ${run.endedAfterMs} ms after the freeze; ` +
          `peak ${run.peak}/${budget} connections`,
      )
    },
    scenarioTimeoutMs,
  )

  it(
    "a runner cut off from the database (its path swallows every byte): its pages move and the run ends without it, each product written once; healed, it rejoins with fresh leases",
    async () => {
      const victim = live.find((runner) => runner !== coordinatorHost())!
      const run = await runWithStuckRunner(
        victim,
        (v) => v.proxy!.blackhole(),
        (v) => v.proxy!.heal(),
        (v) => v.proxy!.mode() === "blackhole",
      )
      console.info(
        `[cluster-gray] runner cut off: ${run.failover.cutOff.length} page(s) cut off, the first restarted elsewhere ` +
          `${run.failover.firstRestartMs} ms after the blackhole; run ended ${run.endedAfterMs} ms after it; ` +
          `peak ${run.peak}/${budget} connections`,
      )
    },
    scenarioTimeoutMs,
  )

  it(
    "the coordinator's host frozen past its lease: another runner takes the coordinator and the pages over, the run ends while it is frozen, each product written once; resumed, it rejoins",
    async () => {
      const victim = coordinatorHost()!
      const printedBefore = live.filter((r) => r !== victim).reduce((n, r) => n + r.count(coordinatorStarted), 0)
      const run = await runWithStuckRunner(victim, ...freezing())
      const printedAfter = live.filter((r) => r !== victim).reduce((n, r) => n + r.count(coordinatorStarted), 0)
      expect(printedAfter).toBeGreaterThan(printedBefore)
      console.info(
        `[cluster-gray] coordinator's host frozen: ${run.failover.cutOff.length} page(s) cut off, the first restarted ` +
          `elsewhere ${run.failover.firstRestartMs} ms after the freeze; run ended ${run.endedAfterMs} ms after it; ` +
          `peak ${run.peak}/${budget} connections`,
      )
    },
    scenarioTimeoutMs,
  )
})
