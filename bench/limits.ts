/**
 * Section 11: finding N (chapter 10). The sweep of fixed limits against the
 * simulated service (C = 50, 100 ms, refusals past 60) and the adaptive limit
 * over the same 10,000 calls, from the pure model the tests prove equal to a
 * real pool (exact, virtual time); then the rate limit's accuracy at 1,000/s:
 * starts per 1 s window through `pooled`, in virtual time and on the live clock;
 * and the job itself (`sync --concurrency auto` against fixed limits) on the
 * CLI's noisy simulated supplier, in virtual time and on the live clock.
 */
import { Clock, Effect, Layer } from "effect"
import { adaptive, pooled, pooledStrategy } from "poolwise"
import { ProductRepository, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { inVirtualTime } from "poolwise/testing"
import * as defaults from "../src/internal/defaults.ts"
import { simulatePool, sweepFixedLimits } from "../src/internal/limits/poolModel.ts"
import { chapterAdaptive, sweepLimits, sweepTasks } from "../src/internal/limits/scenarios.ts"
import { defaultProfile } from "../src/internal/limits/serviceProfile.ts"
import { worstWindow } from "../src/internal/limits/rateLimit.ts"

/** `count` instant tasks through `pooled` at `rate`, 100 slots: their start times (ms since the first). */
const startsAt = (count: number, rate: string) =>
  Effect.gen(function* () {
    const starts: Array<number> = []
    const stamp = Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => starts.push(now)))
    yield* pooled(Array.from({ length: count }), () => stamp, { concurrency: 100, rate })
    const first = starts[0] ?? 0
    return starts.map((at) => at - first)
  })

const accuracy = (starts: ReadonlyArray<number>, perSecond: number) => {
  const spanMs = starts.at(-1)! - starts[0]!
  return {
    starts: starts.length,
    spanMs,
    meanPerSecond: Math.round((starts.length - 1) / (spanMs / 1_000)),
    worstWindow: worstWindow(starts, 1_000),
    limit: perSecond,
  }
}

/** The CLI's noisy run: 2,000 products, a supplier of ~20 ms (±50 % per product) and capacity 20, a pool of 5. */
const jobProducts = 2_000
const jobFixed = [10, 16, 20, 24, 30] as const

/** One run of the job at `concurrency` (a number, or "auto": the CLI's adaptive limit): its makespan in ms. */
const jobRun = (concurrency: number | "auto") =>
  Effect.gen(function* () {
    const limit = concurrency === "auto" ? yield* adaptive({ ...defaults.cli.autoConcurrency }) : concurrency
    const strategy = yield* pooledStrategy({ concurrency: limit })
    yield* Effect.flatMap(ProductRepository, (repository) => repository.ensureProducts(jobProducts))
    const start = yield* Clock.currentTimeMillis
    const report = yield* syncProductStatus({ strategy, products: jobProducts })
    // A call refused past its retries fails its product: counted, not hidden.
    return { ms: (yield* Clock.currentTimeMillis) - start, failed: jobProducts - report.updated }
  }).pipe(
    Effect.provide(Layer.merge(
      ProductRepository.layerSimulated({ poolSize: defaults.poolSize }),
      SupplierStatus.layerSimulated({ meanLatency: defaults.cli.supplierLatencyMs, capacity: 20 }),
    )),
  )

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * `--concurrency auto` against the fixed limits, `rounds` times each, interleaved (every round runs every
 * limit once, so a machine's changing load falls on all alike): medians, the best fixed, the ratio.
 */
const jobComparison = async (rounds: number, virtual: boolean) => {
  const runs = new Map<number | "auto", Array<number>>()
  const failed = new Map<number | "auto", number>()
  for (let round = 0; round < rounds; round++) {
    for (const concurrency of ["auto", ...jobFixed] as const) {
      const run = virtual ? inVirtualTime(jobRun(concurrency)) : jobRun(concurrency)
      const { failed: lost, ms } = await Effect.runPromise(Effect.orDie(run))
      runs.set(concurrency, [...(runs.get(concurrency) ?? []), ms])
      failed.set(concurrency, (failed.get(concurrency) ?? 0) + lost)
    }
  }
  const fixed = jobFixed.map((concurrency) => ({
    concurrency,
    medianMs: median(runs.get(concurrency)!),
    failed: failed.get(concurrency)!,
  }))
  const best = fixed.reduce((a, b) => (b.medianMs < a.medianMs ? b : a))
  const auto = median(runs.get("auto")!)
  return {
    rounds,
    fixed,
    best,
    autoMs: auto,
    autoFailed: failed.get("auto")!,
    ratio: Math.round((auto / best.medianMs) * 1_000) / 1_000,
  }
}

export const limits = async (quick: boolean) => {
  const sweep = sweepFixedLimits(sweepTasks, defaultProfile, sweepLimits)
  const run = simulatePool(sweepTasks, defaultProfile, chapterAdaptive)
  const last = run.limits.at(-1)!.limit
  // Settled: from the last time the limit entered ±20 % of C and stayed.
  let settledAt: number | undefined
  for (const point of run.limits) {
    const inside = point.limit >= 0.8 * defaultProfile.capacity && point.limit <= 1.2 * defaultProfile.capacity
    if (!inside) settledAt = undefined
    else settledAt ??= point.at
  }
  const virtualStarts = await Effect.runPromise(inVirtualTime(startsAt(10_000, "1000/s")))
  const liveSeconds = quick ? 2 : 5
  const liveStarts = await Effect.runPromise(startsAt(liveSeconds * 1_000, "1000/s"))
  return {
    tasks: sweepTasks,
    capacity: defaultProfile.capacity,
    best: sweep.best,
    adaptive: {
      makespanMs: run.makespan,
      ratio: Math.round((run.makespan / sweep.best.makespan) * 1_000) / 1_000,
      settledLimit: last,
      settledAtMs: settledAt ?? null,
      refusals: run.refusals,
      refusalsAfterSettling: settledAt === undefined ? null : run.refusedAt.filter((at) => at > settledAt!).length,
    },
    rate: { virtual: accuracy(virtualStarts, 1_000), live: accuracy(liveStarts, 1_000) },
    job: { virtual: await jobComparison(1, true), live: await jobComparison(quick ? 1 : 3, false) },
  }
}
