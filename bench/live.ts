/**
 * Live timers: the same schedules on the real clock. Each run is recorded with
 * `withTimeline` on the live `Clock`, so the makespan is measured, and compared
 * with the makespan the same workload has in virtual time.
 */
import { Duration, Effect } from "effect"
import { chunked, pooled, type Task } from "poolwise"
import { withTimeline } from "poolwise/timeline"
import { median, round } from "./lib/stats.ts"
import { anchor, anchorDurations, blogWorkload, liveAnchorScale, liveAnchorSeed } from "./lib/workloads.ts"

const sleepFor: Task<number, number, never, never> = (ms) => Effect.as(Effect.sleep(Duration.millis(ms)), ms)

const liveMakespan = (durations: ReadonlyArray<number>, strategy: "pooled" | "chunked", limit: number) =>
  Effect.runPromise(
    Effect.map(
      withTimeline(
        sleepFor,
        (task) =>
          strategy === "pooled"
            ? pooled(durations, task, { concurrency: limit })
            : chunked(durations, task, { chunkSize: limit }),
      ),
      ([, timeline]) => timeline.makespan,
    ),
  )

export interface Prediction {
  readonly pooled: number
  readonly chunked: number
}

const compare = async (
  durations: ReadonlyArray<number>,
  limit: number,
  predicted: Prediction,
  repeats: number,
) => {
  const measured = { pooled: [] as Array<number>, chunked: [] as Array<number> }
  for (let i = 0; i < repeats; i++) {
    // Alternate which goes first, so neither always runs on a cooler machine.
    const order = i % 2 === 0 ? (["pooled", "chunked"] as const) : (["chunked", "pooled"] as const)
    for (const strategy of order) measured[strategy].push(await liveMakespan(durations, strategy, limit))
  }
  const pooledMs = median(measured.pooled)
  const chunkedMs = median(measured.chunked)
  return {
    tasks: durations.length,
    limit,
    repeats,
    virtualMs: predicted,
    measuredMs: { pooled: pooledMs, chunked: chunkedMs },
    measuredOverVirtual: {
      pooled: round(pooledMs / predicted.pooled, 3),
      chunked: round(chunkedMs / predicted.chunked, 3),
    },
    chunkedOverPooled: {
      virtual: round(predicted.chunked / predicted.pooled, 3),
      measured: round(chunkedMs / pooledMs, 3),
    },
  }
}

export const live = async (predictions: { seed: Prediction; liveAnchor: Prediction }, quick: boolean) => ({
  seed: await compare(blogWorkload.durations, blogWorkload.limit, predictions.seed, quick ? 3 : 7),
  anchorScaled: {
    scale: liveAnchorScale,
    durationsMs: [anchor.minMs * liveAnchorScale, anchor.maxMs * liveAnchorScale],
    ...(await compare(
      anchorDurations(liveAnchorSeed, liveAnchorScale),
      anchor.limit,
      predictions.liveAnchor,
      quick ? 1 : 5,
    )),
  },
})
