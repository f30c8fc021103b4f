/**
 * Child process: every virtual-time figure. Each one is a real run of the
 * kit's `pooled` or `chunked` under TestClock, recorded by `predictTimeline`
 * (poolwise/testing), with the makespan read off the recorded timeline.
 *
 * Usage: tsx bench/virtual.ts <out.json> [--quick]
 */
import { writeFileSync } from "node:fs"
import { Effect } from "effect"
import { chunked, pooled } from "poolwise"
import { chunkedStarts, greedyStarts, makespanOf, predictTimeline, sleepFor } from "poolwise/testing"
import { lowerBound, max, median, round } from "./lib/stats.ts"
import {
  anchor,
  anchorDurations,
  blogWorkload,
  liveAnchorScale,
  liveAnchorSeed,
  randomDurations,
  randomWorkload,
} from "./lib/workloads.ts"

export type StrategyName = "pooled" | "chunked"

/** One recorded run in virtual time, checked against the reference schedule. */
const virtualRun = (durations: ReadonlyArray<number>, strategy: StrategyName, limit: number) =>
  Effect.map(
    predictTimeline((probe) =>
      strategy === "pooled"
        ? pooled(durations, probe.task(sleepFor), { concurrency: limit })
        : chunked(durations, probe.task(sleepFor), { chunkSize: limit })
    ),
    ([results, timeline]) => {
      const model = strategy === "pooled" ? greedyStarts(durations, limit) : chunkedStarts(durations, limit)
      const ok = results.length === durations.length && timeline.spans.length === durations.length &&
        timeline.makespan === makespanOf(model, durations) && timeline.peakInFlight <= limit
      return { makespan: timeline.makespan, ok }
    },
  )

interface Job {
  readonly key: string
  readonly durations: ReadonlyArray<number>
  readonly strategy: StrategyName
  readonly limit: number
}

const main = (quick: boolean) =>
  Effect.gen(function* () {
    const started = performance.now()
    const seeds = Array.from({ length: quick ? 3 : 20 }, (_, i) => i + 1)
    const anchorSeeds = Array.from({ length: quick ? 1 : 5 }, (_, i) => i + 1)
    const jobs: Array<Job> = []
    for (const seed of seeds) {
      const durations = randomDurations(seed)
      for (const limit of randomWorkload.limits) {
        for (const strategy of ["pooled", "chunked"] as const) {
          jobs.push({ key: `random/${limit}/${seed}/${strategy}`, durations, strategy, limit })
        }
      }
    }
    for (const seed of anchorSeeds) {
      for (const strategy of ["pooled", "chunked"] as const) {
        jobs.push({
          key: `anchor/${seed}/${strategy}`,
          durations: anchorDurations(seed),
          strategy,
          limit: anchor.limit,
        })
      }
    }
    const scaled = anchorDurations(liveAnchorSeed, liveAnchorScale)
    for (const strategy of ["pooled", "chunked"] as const) {
      jobs.push({ key: `seed/${strategy}`, durations: blogWorkload.durations, strategy, limit: blogWorkload.limit })
      jobs.push({ key: `liveAnchor/${strategy}`, durations: scaled, strategy, limit: anchor.limit })
    }

    // Several independent TestClocks at once: each run only waits on its own clock.
    const outcomes = yield* Effect.forEach(jobs, (job) => virtualRun(job.durations, job.strategy, job.limit), {
      concurrency: 6,
    })
    const byKey = new Map(jobs.map((job, i) => [job.key, outcomes[i]!.makespan]))
    const get = (key: string) => byKey.get(key)!

    const ratios = { pooled: [] as Array<number>, chunked: [] as Array<number> }
    const perLimit: Record<string, unknown> = {}
    for (const limit of randomWorkload.limits) {
      const local = { pooled: [] as Array<number>, chunked: [] as Array<number> }
      for (const seed of seeds) {
        const bound = lowerBound(randomDurations(seed), limit)
        for (const strategy of ["pooled", "chunked"] as const) {
          const ratio = get(`random/${limit}/${seed}/${strategy}`) / bound
          local[strategy].push(ratio)
          ratios[strategy].push(ratio)
        }
      }
      perLimit[limit] = {
        pooledOverBound: { median: round(median(local.pooled), 3), worst: round(max(local.pooled), 3) },
        chunkedOverBound: { median: round(median(local.chunked), 3), worst: round(max(local.chunked), 3) },
      }
    }

    const anchorOf = (strategy: StrategyName) => anchorSeeds.map((seed) => get(`anchor/${seed}/${strategy}`) / 1000)
    const anchorBounds = anchorSeeds.map((seed) => lowerBound(anchorDurations(seed), anchor.limit) / 1000)

    return {
      makespan: {
        n: randomWorkload.n,
        limits: randomWorkload.limits,
        seeds: seeds.length,
        durations: `log-normal, median ${randomWorkload.medianMs} ms, sigma ${randomWorkload.sigma}`,
        pooledOverBound: { median: round(median(ratios.pooled), 3), worst: round(max(ratios.pooled), 3) },
        chunkedOverBound: { median: round(median(ratios.chunked), 3), worst: round(max(ratios.chunked), 3) },
        byLimit: perLimit,
        runs: jobs.length,
        runsMatchingReferenceSchedule: outcomes.filter((o) => o.ok).length,
        wallMs: Math.round(performance.now() - started),
      },
      anchor: {
        tasks: anchor.n,
        durationsMs: [anchor.minMs, anchor.maxMs],
        limit: anchor.limit,
        seeds: anchorSeeds.length,
        blog: anchor.blog,
        pooledS: round(median(anchorOf("pooled")), 2),
        chunkedS: round(median(anchorOf("chunked")), 2),
        boundS: round(median(anchorBounds), 2),
        pooledSavesPct: round(100 * (1 - median(anchorOf("pooled")) / median(anchorOf("chunked"))), 1),
      },
      predictions: {
        seed: { pooled: get("seed/pooled"), chunked: get("seed/chunked") },
        liveAnchor: { pooled: get("liveAnchor/pooled"), chunked: get("liveAnchor/chunked") },
      },
    }
  })

const [out, ...flags] = process.argv.slice(2)
const report = await Effect.runPromise(main(flags.includes("--quick")))
writeFileSync(out!, JSON.stringify(report, null, 2))
