/**
 * poolwise benchmarks: `npm run bench` (full, a few minutes) or
 * `npm run bench -- --quick` (well under a minute, smaller sizes, same keys).
 *
 * Prints a markdown report and writes bench/results/latest.json. A benchmark
 * reports; it never fails because a figure is slow. A section that cannot run
 * here (no database, no sync job) is reported as skipped with its reason.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import os from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { bundledChild, runTs } from "./lib/child.ts"
import { cluster } from "./cluster.ts"
import { clusterPoll } from "./clusterPoll.ts"
import { db, dbStrategies } from "./db.ts"
import { limits } from "./limits.ts"
import { live } from "./live.ts"
import { playground } from "./playground.ts"
import { contenders, overhead, streamOverhead } from "./overhead.ts"
import { median, round } from "./lib/stats.ts"
import { recorderCost } from "./recorder.ts"
import { renderReport } from "./report/index.ts"
import { startup } from "./startup.ts"
import { tools } from "./tools.ts"
import { saveToVerdict } from "./learn.ts"

const here = dirname(fileURLToPath(import.meta.url))
const quick = process.argv.includes("--quick")
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)

const section = async <A>(name: string, run: () => Promise<A>): Promise<A | { readonly skipped: string }> => {
  const started = performance.now()
  log(`${name}…`)
  try {
    const result = await run()
    log(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return result
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error)
    log(`${name} skipped: ${reason}`)
    return { skipped: reason }
  }
}

const isSkipped = (value: unknown): value is { readonly skipped: string } =>
  typeof value === "object" && value !== null && "skipped" in value

const withTimeout = <A>(promise: Promise<A>, ms: number, what: string): Promise<A> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms).unref()
    ),
  ])

const started = performance.now()
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
}

// 1. Dispatch overhead first, while this process is fresh.
const dispatch = await section("overhead", () => overhead(quick))
const stream = await section("stream overhead", () => streamOverhead(quick))
const recorder = await section("recorder", () => recorderCost(quick))

// 10. The built CLI's start times, in child processes, before the heavier sections warm the machine up.
const cliStartup = await section("CLI start times", () => startup(quick))

// 2. Virtual time, in a child process of its own.
const virtualOut = join(os.tmpdir(), `poolwise-bench-virtual-${process.pid}.json`)
const virtual = await section("virtual time (TestClock)", async () => {
  await runTs(join(here, "virtual.ts"), [virtualOut, ...(quick ? ["--quick"] : [])], { timeoutMs: 600_000 })
  const text = readFileSync(virtualOut, "utf8")
  rmSync(virtualOut, { force: true })
  return JSON.parse(text) as {
    makespan: Record<string, unknown> & {
      pooledOverBound: { median: number; worst: number }
      chunkedOverBound: { median: number; worst: number }
    }
    anchor: Record<string, unknown>
    predictions: { seed: { pooled: number; chunked: number }; liveAnchor: { pooled: number; chunked: number } }
  }
})

// 3. Live timers, against the virtual predictions.
const liveTimers = isSkipped(virtual)
  ? { skipped: "needs the virtual-time predictions" }
  : await section("live timers", () => live(virtual.predictions, quick))

// 3b. Effect's own concurrency tools at scale, on live timers.
const effectTools = await section("Effect's tools at scale", () => tools(quick))

// 4. Database throughput.
const dbRows = quick ? 500 : 10_000
const database = await section(
  "database",
  () => withTimeout(db(dbRows, quick ? 1 : 3), quick ? 30_000 : 600_000, "the database section"),
)

// 5. Memory of the sync job at scale, one child process per size, on plain JS
// (bundled ahead of time) so no TypeScript loader counts against the job.
const memorySizes = quick ? [10_000, 100_000] : [100_000, 1_000_000]
// Above the ~20 MB the run keeps live, well below what V8 lets the heap grow to.
const heapCapMb = 64
const memory = await section("memory", async () => {
  const child = await bundledChild(join(here, "memory.ts"))
  try {
    const timeoutMs = quick ? 60_000 : 900_000
    const lastLine = (out: string) => JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>
    const baselineRssMb = await child.baselineRssMb({ nodeFlags: ["--expose-gc"], timeoutMs })
    const runs: Array<Record<string, number>> = []
    for (const products of memorySizes) {
      runs.push(lastLine(await child.run([String(products)], { nodeFlags: ["--expose-gc"], timeoutMs })))
    }
    // The largest size again with V8's old space capped: if it still finishes, the
    // peak above includes garbage V8 had not yet collected, not memory the job holds.
    const largest = memorySizes[memorySizes.length - 1]!
    const capped = await child.run([String(largest)], {
      nodeFlags: ["--expose-gc", `--max-old-space-size=${heapCapMb}`],
      timeoutMs,
    }).then(
      (out) => ({ maxOldSpaceMb: heapCapMb, ...lastLine(out) }),
      (error: unknown) => ({
        maxOldSpaceMb: heapCapMb,
        products: largest,
        skipped: error instanceof Error ? error.message.split("\n")[0]! : String(error),
      }),
    )
    // The largest size again with every product failing: the report keeps failures
    // grouped by reason, so the peak must stay where the successful run's is.
    const allFail = lastLine(await child.run([String(largest), "fail"], { nodeFlags: ["--expose-gc"], timeoutMs }))
    return { loader: child.loader, baselineRssMb, runs, capped, allFail }
  } finally {
    child.dispose()
  }
})

// 6. Concurrency above the pool size: a sync over a pool of 5 at concurrency 50 and
// at 1,000 should differ only by queue time, in time and in memory.
const scaleProducts = quick ? 1_000 : 5_000
const scaleRounds = quick ? 1 : 3
const scale = await section("scale", async () => {
  const child = await bundledChild(join(here, "scale.ts"))
  try {
    const timeoutMs = quick ? 120_000 : 600_000
    const measure = async (store: "simulated" | "mysql", concurrency: number) => {
      const runs: Array<{ seconds: number; cpuSeconds: number; peakRssMb: number }> = []
      for (let round = 0; round < scaleRounds; round++) {
        const out = await child.run([store, String(scaleProducts), String(concurrency)], { timeoutMs })
        runs.push(JSON.parse(out.trim().split("\n").pop()!))
      }
      return {
        seconds: median(runs.map((r) => r.seconds)),
        cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
        peakRssMb: median(runs.map((r) => r.peakRssMb)),
      }
    }
    const compare = async (store: "simulated" | "mysql") => {
      const low = await measure(store, 50)
      const high = await measure(store, 1_000)
      return {
        concurrency50: low,
        concurrency1000: high,
        timeRatio: round(high.seconds / low.seconds),
        cpuRatio: round(high.cpuSeconds / low.cpuSeconds),
        rssRatio: round(high.peakRssMb / low.peakRssMb),
      }
    }
    const simulated = await compare("simulated")
    const mysql = await compare("mysql").catch((error: unknown) => ({
      skipped: error instanceof Error ? error.message.split("\n")[0]! : String(error),
    }))
    return { products: scaleProducts, poolSize: 5, rounds: scaleRounds, loader: child.loader, simulated, mysql }
  } finally {
    child.dispose()
  }
})

// 7b. The site's playground: one recompute per edit, and the kit's part at 10× and 100× the tested size.
const playgroundCost = await section("playground", () => playground(quick))

// 8. The sync on several runner processes (poolwise/cluster): 3 runners vs 1, and a failover. The
// failover's timeline picture is kept from full runs only (bench/results/cluster-timeline.svg).
const clusterResult = await section("cluster", () =>
  withTimeout(
    cluster(quick, quick ? undefined : join(here, "results", "cluster-timeline.svg"), log),
    quick ? 300_000 : 1_500_000,
    "the cluster section",
  ))

// The cluster client's progress poll at 80 and 40,000 pages (the bookkeeping's rows inserted directly).
const clusterPollCost = await section(
  "cluster poll cost",
  () => withTimeout(clusterPoll(quick, log), quick ? 120_000 : 300_000, "the cluster poll section"),
)

// 9. The learner's watch loop: from a save to the verdict (the budget is 2 s).
const learnLoop = await section("save to verdict", () => saveToVerdict(quick))

// 11. Finding N: the sweep, the adaptive limit, and the rate limit's accuracy (chapter 10).
const findingN = await section("finding N", () => limits(quick))

const nullRecord = <K extends string>(keys: ReadonlyArray<K>) =>
  Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>

const results = {
  machine,
  quick,
  date: new Date().toISOString(),
  makespan: isSkipped(virtual)
    ? { pooledOverBound: null, chunkedOverBound: null, skipped: virtual.skipped }
    : virtual.makespan,
  anchor: isSkipped(virtual) ? virtual : virtual.anchor,
  live: liveTimers,
  overhead: isSkipped(dispatch)
    ? {
      trivial: { tasks: 100_000, ms: nullRecord(contenders) },
      promise: { tasks: 10_000, ms: nullRecord(contenders), ratioToPMap: nullRecord(contenders) },
      skipped: dispatch.skipped,
    }
    : { ...dispatch, stream },
  recorder,
  db: isSkipped(database)
    ? { rows: dbRows, pool: 5, rowsPerSec: nullRecord(dbStrategies), skipped: database.skipped }
    : database,
  memory: isSkipped(memory)
    ? { products: memorySizes[memorySizes.length - 1], peakRssMb: null, skipped: memory.skipped }
    : {
      products: memory.runs[memory.runs.length - 1]!["products"],
      peakRssMb: memory.runs[memory.runs.length - 1]!["peakRssMb"],
      baselineRssMb: memory.baselineRssMb,
      loader: memory.loader,
      runs: memory.runs,
      capped: memory.capped,
      allFail: memory.allFail,
    },
  scale,
  tools: effectTools,
  playground: playgroundCost,
  cluster: clusterResult,
  clusterPoll: clusterPollCost,
  startup: cliStartup,
  learn: learnLoop,
  limits: findingN,
  wallSeconds: 0,
}
results.wallSeconds = Math.round((performance.now() - started) / 100) / 10

const resultsDir = join(here, "results")
mkdirSync(resultsDir, { recursive: true })
writeFileSync(join(resultsDir, "latest.json"), JSON.stringify(results, null, 2) + "\n")
process.stdout.write(renderReport(results) + "\n")
log(`wrote bench/results/latest.json in ${results.wallSeconds} s`)
// Pools and timers of skipped sections must not keep the process alive.
process.exit(0)
