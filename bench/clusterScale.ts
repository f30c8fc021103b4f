/**
 * A large cluster run, by hand (not part of `npm run bench`: minutes, and the
 * machine's whole attention): `npx tsx bench/clusterScale.ts [products] [runners] [pageSize]`
 * (100,000 and 3 by default; the page size the client picks unless given).
 * Runners of pool 2 + cluster pool 2, 20 supplier calls in flight each,
 * supplier 1 ms, on the local MariaDB.
 *
 * Prints the run's report figures, the cost per product (wall time and
 * elapsedMs / products), each runner's peak RSS (sampled from /proc every
 * 500 ms) and its RSS at rest 5 s after the run, the CPU seconds each runner
 * spent on the run, where a page's time went (lib/pageTimes.ts), and the
 * bookkeeping's row counts. Its own database,
 * `poolwise_bench_scale_<pid>`, dropped at the end.
 */
import { readFileSync } from "node:fs"
import os from "node:os"
import mysql from "mysql2/promise"
import { pageTimes } from "./lib/pageTimes.ts"
import { freePort, killRunners, type RunnerProcess, runSync, startRunner } from "./lib/runners.ts"

const products = Number(process.argv[2] ?? 100_000)
const runnerCount = Number(process.argv[3] ?? 3)
const pageSize = process.argv[4]
const serverUrl = new URL(process.env["POOLWISE_BENCH_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306")
const database = `poolwise_bench_scale_${process.pid}`
const url = `${serverUrl.protocol}//${serverUrl.username || "root"}${
  serverUrl.password ? `:${serverUrl.password}` : ""
}@${serverUrl.hostname}:${serverUrl.port || 3306}/${database}`
const flags = ["--pool", "2", "--cluster-pool", "2", "--concurrency", "20", "--supplier-latency", "1"]
/** CPU seconds a process has used (user + system), from /proc. */
const cpuSeconds = (pid: number | undefined) => {
  if (pid === undefined) return Number.NaN
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}
const log = (line: string) => process.stderr.write(`[scale] ${line}\n`)

const rssMb = (pid: number | undefined) => {
  if (pid === undefined) return Number.NaN
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]
    return kb === undefined ? Number.NaN : Math.round(Number(kb) / 1024)
  } catch {
    return Number.NaN
  }
}

const admin = await mysql.createConnection({
  host: serverUrl.hostname,
  port: Number(serverUrl.port || 3306),
  user: decodeURIComponent(serverUrl.username || "root"),
  password: decodeURIComponent(serverUrl.password),
})
const runners: Array<RunnerProcess> = []
try {
  await admin.query(`CREATE DATABASE \`${database}\``)
  for (let i = 0; i < runnerCount; i++) runners.push(await startRunner(url, await freePort(), flags))
  log(`${runnerCount} runners ready; inserting ${products} products`)
  await admin.query(
    `INSERT INTO \`${database}\`.products (id, name) SELECT seq, CONCAT('product ', seq) FROM \`${database}\`.seq_1_to_${products}`,
  )
  for (let waited = 0; !runners.some((r) => r.output().includes("coordinator started")); waited += 250) {
    if (waited > 180_000) throw new Error("no coordinator within 180 s")
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const peak = new Map<string, number>()
  const before = runners.map((r) => rssMb(r.pid))
  const cpuBefore = runners.map((r) => cpuSeconds(r.pid))
  const sampler = setInterval(() => {
    for (const r of runners) peak.set(r.name, Math.max(peak.get(r.name) ?? 0, rssMb(r.pid) || 0))
  }, 500)
  log("submitting the run")
  const { report, wallMs } = await runSync(
    [
      "--cluster",
      "--database-url",
      url,
      "--products",
      String(products),
      ...(pageSize ? ["--page-size", pageSize] : []),
    ],
    7_200_000,
  )
  clearInterval(sampler)
  const cpu = runners.map((r, i) => Math.round((cpuSeconds(r.pid) - cpuBefore[i]!) * 10) / 10)
  const pagesTimed = await pageTimes(admin, database, String(report["runId"]))
  // At rest: a few seconds after the run, idle entities gone or not.
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  const [[rows]] = (await admin.query(
    `SELECT (SELECT COUNT(*) FROM \`${database}\`.sync_page_attempts) AS attempts,
            (SELECT COUNT(*) FROM \`${database}\`.sync_page_placements) AS placements,
            (SELECT page_size FROM \`${database}\`.sync_runs WHERE id = ?) AS pageSize`,
    [String(report["runId"])],
  )) as unknown as [[{ attempts: number; placements: number; pageSize: number }]]
  const elapsedMs = Number(report["elapsedMs"])
  console.log(JSON.stringify(
    {
      products,
      runners: runnerCount,
      pageSize: Number(rows.pageSize),
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      updated: report["updated"],
      failed: report["failed"],
      elapsedMs,
      wallMs,
      perProductMs: Math.round((elapsedMs / products) * 1000) / 1000,
      statementsPerProduct: Math.round((Number(report["statements"]) / products) * 100) / 100,
      rssMbBefore: Object.fromEntries(runners.map((r, i) => [r.name, before[i]])),
      rssMbPeak: Object.fromEntries(peak),
      rssMbAtRest: Object.fromEntries(runners.map((r) => [r.name, rssMb(r.pid)])),
      runnerCpuSeconds: Object.fromEntries(runners.map((r, i) => [r.name, cpu[i]])),
      runnerCpuMsPerProduct: Math.round((cpu.reduce((a, b) => a + b, 0) * 1000 / products) * 100) / 100,
      pageTimes: pagesTimed,
      attempts: Number(rows.attempts),
      placements: Number(rows.placements),
    },
    null,
    2,
  ))
} finally {
  await killRunners(runners)
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined)
  await admin.end()
}
