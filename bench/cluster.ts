/**
 * Cluster: 3 runners vs 1. Real `poolwise runner` processes (job pool 2,
 * cluster pool 2, 20 supplier calls in flight each, supplier 200 ms) on the
 * local MariaDB, runs submitted with `poolwise sync --cluster`:
 *
 * - the same products on 1 runner, then on 3 (the report's elapsedMs and the
 *   command's wall time), and how many pages each runner ran;
 * - the statements the cluster adds per product: the server's counters
 *   around a local `sync` and around a 1-runner cluster run of the same size;
 * - failover: a 3-runner run where a runner that is not the coordinator is
 *   killed (-9) once 30% of the pages have ended; the takeover time is the
 *   first new attempt of a page it left cut off, minus the kill.
 *
 * Its own databases, `poolwise_bench_cluster_<pid>_<phase>` (the 1-runner and the 3-runner clusters
 * apart, so the second starts from no cluster state), are dropped at the end.
 */
import { writeFileSync } from "node:fs"
import os from "node:os"
import mysql from "mysql2/promise"
import { type PageAttempt, runnerLegend, runnerTimeline } from "poolwise/cluster"
import { renderGantt, renderSvg } from "poolwise/timeline"
import { pageTimes } from "./lib/pageTimes.ts"
import { cpuMsOf, freePort, killRunners, type RunnerProcess, runSync, startRunner } from "./lib/runners.ts"
import { median, round } from "./lib/stats.ts"

const serverUrl = new URL(process.env["POOLWISE_BENCH_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306")
const perRunner = { pool: 2, clusterPool: 2, concurrency: 20 }
const supplierLatencyMs = 200
const pageSize = 25
const killAtFraction = 0.3
const runnerFlags = [
  ...["--pool", String(perRunner.pool), "--cluster-pool", String(perRunner.clusterPool)],
  ...["--concurrency", String(perRunner.concurrency), "--supplier-latency", String(supplierLatencyMs)],
]
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The server's statement counters: every statement, and the data statements alone. */
const counters = async (admin: mysql.Connection) => {
  const [rows] = (await admin.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', 'Com_insert', 'Com_update', 'Com_delete')",
  )) as unknown as [ReadonlyArray<{ Variable_name: string; Value: string }>]
  const value = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? Number.NaN)
  return {
    questions: value("Questions"),
    data: value("Com_select") + value("Com_insert") + value("Com_update") + value("Com_delete"),
  }
}

/** Runs `work`, returning its result and the statements the server counted meanwhile. */
const counted = async <A>(admin: mysql.Connection, work: () => Promise<A>) => {
  const before = await counters(admin)
  const result = await work()
  const after = await counters(admin)
  return { result, statements: { questions: after.questions - before.questions, data: after.data - before.data } }
}

export const cluster = async (quick: boolean, svgPath: string | undefined, log: (line: string) => void) => {
  const products = quick ? 600 : 2_000
  const rounds = quick ? 1 : 3
  const timeoutMs = quick ? 120_000 : 300_000
  const databases: Array<string> = []
  let database = ""
  let url = ""
  const admin = await mysql.createConnection({
    host: serverUrl.hostname,
    port: Number(serverUrl.port || 3306),
    user: decodeURIComponent(serverUrl.username || "root"),
    password: decodeURIComponent(serverUrl.password),
    connectTimeout: 2_000,
  }).catch((error: unknown) => {
    throw new Error(`no MariaDB at ${serverUrl.hostname}:${serverUrl.port || 3306} (${String(error)})`)
  })
  const runners: Array<RunnerProcess> = []
  const attemptsOf = async (runId: string): Promise<ReadonlyArray<PageAttempt>> => {
    const [rows] = (await admin.query(
      `SELECT page, runner, started_at, ended_at, updated, failed FROM \`${database}\`.sync_page_attempts
       WHERE run_id = ? ORDER BY started_at, id`,
      [runId],
    )) as unknown as [ReadonlyArray<Record<string, unknown>>]
    return rows.map((r) => ({
      page: Number(r["page"]),
      runner: String(r["runner"]),
      startedAt: r["started_at"] as Date,
      endedAt: r["ended_at"] as Date | null,
      updated: r["updated"] === null ? null : Number(r["updated"]),
      failed: r["failed"] === null ? null : Number(r["failed"]),
    }))
  }
  const pagesPerRunner = (attempts: ReadonlyArray<PageAttempt>) => {
    const pages: Record<string, number> = {}
    for (const a of attempts) if (a.endedAt !== null) pages[a.runner] = (pages[a.runner] ?? 0) + 1
    return Object.fromEntries(Object.entries(pages).sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })))
  }
  const runnersCpuMs = () => runners.reduce((sum, r) => sum + (cpuMsOf(r.pid) ?? Number.NaN), 0)
  const clusterRun = async () => {
    const cpuBefore = runnersCpuMs()
    const loadAverage = round(os.loadavg()[0]!, 1)
    const { report, wallMs } = await runSync(
      ["--cluster", "--database-url", url, "--products", String(products)],
      timeoutMs,
    ).catch((error: unknown) => {
      const said = runners.map((r) => `${r.name} said: ${r.output().trim().split("\n").slice(-2).join(" / ")}`)
      throw new Error(`a cluster run failed: ${String(error).split("\n")[0]} (${said.join("; ")})`)
    })
    const attempts = await attemptsOf(String(report["runId"]))
    // The runners' CPU over the run (their idle work included): per product, what the machine must give them.
    const cpuMsPerProduct = round((runnersCpuMs() - cpuBefore) / products, 2)
    const times = await pageTimes(admin, database, String(report["runId"]))
    return {
      elapsedMs: Number(report["elapsedMs"]),
      wallMs,
      updated: Number(report["updated"]),
      cpuMsPerProduct,
      loadAverage,
      attempts,
      times,
    }
  }
  const startRunners = async (count: number) => {
    // One at a time, each ready before the next, as chapter 8 advises.
    for (let i = 0; i < count; i++) runners.push(await startRunner(url, await freePort(), runnerFlags))
    // Until every runner is registered and the shards have moved (lock expiry 6 s): then placement is even.
    for (let waited = 0; waited < 60_000; waited += 250) {
      const [[{ live }]] = (await admin.query(
        `SELECT COUNT(*) AS live FROM \`${database}\`.runner_budget WHERE seen_at >= NOW(3) - INTERVAL 10 SECOND`,
      )) as unknown as [[{ live: number }]]
      if (Number(live) === runners.length) break
      await sleep(250)
    }
    await sleep(8_000)
    // The coordinator singleton can take a while to start on fresh runners (seen: 40 s): until it
    // has, a run would only measure that wait.
    for (let waited = 0; waited < 180_000; waited += 250) {
      if (runners.some((r) => r.output().includes("coordinator started"))) return
      await sleep(250)
    }
    throw new Error("no runner started the coordinator within 180 s")
  }
  const localFlags = () => ["--database-url", url, "--products", String(products), "--pool", String(perRunner.pool)]
  const useDatabase = async (phase: string) => {
    database = `poolwise_bench_cluster_${process.pid}_${phase}`
    url = `${serverUrl.protocol}//${serverUrl.username || "root"}${
      serverUrl.password ? `:${serverUrl.password}` : ""
    }@${serverUrl.hostname}:${serverUrl.port || 3306}/${database}`
    databases.push(database)
    await admin.query(`CREATE DATABASE \`${database}\``)
    // A local run first: the schema and the products exist before anything is measured.
    log(`cluster: a local run fills the products of ${database}`)
    await runSync([...localFlags(), "--concurrency", "20", "--supplier-latency", "1"], timeoutMs)
  }
  try {
    const [[{ version }]] = (await admin.query("SELECT VERSION() AS version")) as unknown as [[{ version: string }]]
    await useDatabase("one")
    log("cluster: a local run, counted")
    const localRun = await counted(admin, () =>
      runSync(
        [
          ...localFlags(),
          "--concurrency",
          String(perRunner.concurrency),
          "--supplier-latency",
          String(supplierLatencyMs),
        ],
        timeoutMs,
      ))

    log("cluster: starting 1 runner")
    await startRunners(1)
    log("cluster: 1 runner up")
    const oneRuns: Array<Awaited<ReturnType<typeof clusterRun>>> = []
    const clusterCounted = await counted(admin, clusterRun)
    oneRuns.push(clusterCounted.result)
    for (let i = 1; i < rounds; i++) oneRuns.push(await clusterRun())

    // 3 runners started together: runners that join a cluster in use left pages unsent (seen here: a
    // run stalled with 7 of 24 pages never started), so the single runner stops first, and
    // the 3 use a database of their own (3 fresh runners on the first one's tables were seen to start no
    // coordinator in 180 s).
    log(`cluster: 1 runner: ${oneRuns.map((r) => r.elapsedMs).join(", ")} ms; starting 3 afresh`)
    await Promise.all(runners.splice(0).map((runner) => runner.stop()))
    await useDatabase("three")
    await startRunners(3)
    log("cluster: 3 runners up")
    const threeRuns: Array<Awaited<ReturnType<typeof clusterRun>>> = []
    for (let i = 0; i < rounds; i++) threeRuns.push(await clusterRun())
    log(`cluster: 3 runners: ${threeRuns.map((r) => r.elapsedMs).join(", ")} ms; failover run`)
    // A failover that never finishes is a finding, not a reason to drop the figures above.
    const failover = await failoverRun().catch((error: unknown) => ({
      skipped: String(error).split("\n")[0]!.slice(0, 300),
    }))
    /** The run's time that is the kit's, not the products': before the first page, the tail, after the last page. */
    const kitTimes = (r: Awaited<ReturnType<typeof clusterRun>>) => {
      const run = r.times.run
      const runners = Object.values(run.runners)
      return {
        firstPlacedMs: run.firstPlacedMs,
        firstStartedMs: Math.min(...runners.map((x) => x.firstStartedMs)),
        tailMs: run.tailMs,
        afterLastPageMs: r.elapsedMs - run.lastEndedMs,
        idleMs: runners.reduce((sum, x) => sum + x.idleMs, 0),
      }
    }
    const summary = (runs: ReadonlyArray<Awaited<ReturnType<typeof clusterRun>>>) => ({
      elapsedMs: median(runs.map((r) => r.elapsedMs)),
      wallMs: median(runs.map((r) => r.wallMs)),
      cpuMsPerProduct: median(runs.map((r) => r.cpuMsPerProduct)),
      runs: runs.map((r) => ({
        elapsedMs: r.elapsedMs,
        wallMs: r.wallMs,
        updated: r.updated,
        cpuMsPerProduct: r.cpuMsPerProduct,
        loadAverage: r.loadAverage,
        kit: kitTimes(r),
        pagesPerRunner: pagesPerRunner(r.attempts),
        pageTimes: r.times,
      })),
    })
    const one = summary(oneRuns)
    const three = summary(threeRuns)
    const perProduct = (n: number) => round(n / products, 2)
    return {
      products,
      pageSize,
      pages: Math.ceil(products / pageSize),
      perRunner,
      supplierLatencyMs,
      rounds,
      oneRunner: one,
      threeRunners: three,
      speedup: round(one.elapsedMs / three.elapsedMs),
      speedupGoal: 2.85,
      statements: {
        local: localRun.statements,
        cluster: clusterCounted.statements,
        localPerProduct: perProduct(localRun.statements.questions),
        clusterPerProduct: perProduct(clusterCounted.statements.questions),
        addedPerProduct: {
          questions: perProduct(clusterCounted.statements.questions - localRun.statements.questions),
          data: perProduct(clusterCounted.statements.data - localRun.statements.data),
        },
      },
      failover,
      server: version,
    }
  } finally {
    await killRunners(runners)
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined)
    await admin.end().catch(() => undefined)
  }

  /** A 3-runner run with one runner that is not the coordinator killed (-9) at 30% of the pages. */
  async function failoverRun() {
    const victim = runners.find((r) => !r.output().includes("coordinator started")) ?? runners[runners.length - 1]!
    const pages = Math.ceil(products / pageSize)
    let killed: { at: Date; pagesDone: number } | undefined
    let done = false
    const run = clusterRun().finally(() => (done = true))
    while (!done && killed === undefined) {
      const [[row]] = (await admin.query(
        `SELECT r.id AS id, r.pages_done AS pagesDone
         FROM \`${database}\`.sync_runs r WHERE r.pages IS NOT NULL AND r.report IS NULL
         ORDER BY r.started_at DESC LIMIT 1`,
      )) as unknown as [[{ id: string; pagesDone: number } | undefined]]
      if (row !== undefined && Number(row.pagesDone) >= pages * killAtFraction) {
        victim.kill()
        const [[{ now }]] = (await admin.query("SELECT NOW(3) AS now")) as unknown as [[{ now: Date }]]
        killed = { at: now, pagesDone: Number(row.pagesDone) }
      } else await sleep(100)
    }
    const result = await run
    if (killed === undefined) return { skipped: "the run ended before the kill", elapsedMs: result.elapsedMs }
    const cutOff = result.attempts.filter((a) => a.runner === victim.name && a.endedAt === null)
    const restarts = result.attempts.filter((a) =>
      a.runner !== victim.name && a.startedAt >= killed!.at && cutOff.some((c) => c.page === a.page)
    )
    const firstRestart = Math.min(...restarts.map((a) => a.startedAt.getTime()))
    const { timeline, rows } = runnerTimeline(result.attempts, { cutOffAt: new Map([[victim.name, killed.at]]) })
    const legend = `${runnerLegend(rows)}; killed: ${victim.name}`
    if (svgPath !== undefined) {
      writeFileSync(
        svgPath,
        renderSvg(timeline, { title: `failover, ${products} products: ${legend}`, width: 1_000 }) + "\n",
      )
    }
    const origin = Math.min(...result.attempts.map((a) => a.startedAt.getTime()))
    return {
      killedRunner: victim.name,
      killedAtPagesDone: killed.pagesDone,
      killedAtMs: killed.at.getTime() - origin,
      elapsedMs: result.elapsedMs,
      wallMs: result.wallMs,
      updated: result.updated,
      cutOff: cutOff.length,
      takeoverMs: restarts.length === 0 ? null : firstRestart - killed.at.getTime(),
      pagesPerRunner: pagesPerRunner(result.attempts),
      legend,
      gantt: renderGantt(timeline, { width: 120 }),
      svg: svgPath === undefined ? null : "bench/results/cluster-timeline.svg",
    }
  }
}
