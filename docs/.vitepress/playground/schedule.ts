/**
 * One strategy's schedule, computed by the kit: its `pooled` or `chunked`
 * run over the durations under TestClock (`predictTimeline`), the limit
 * passed as typed so the runner checks it.
 */
import { Effect } from "effect"
import { chunked, type InvalidOptionError, pooled } from "poolwise"
import { predictTimeline, sleepFor } from "poolwise/testing"
import type { Timeline } from "poolwise/timeline"

export type Strategy = "pooled" | "chunked"

/** A strategy's last schedule and the input it was computed for (the schedule depends on nothing else). */
interface LastRun {
  key: string | undefined
  timeline: Timeline | undefined
}

const lastRuns: Record<Strategy, LastRun> = {
  pooled: { key: undefined, timeline: undefined },
  chunked: { key: undefined, timeline: undefined },
}

const run = (strategy: Strategy, durations: ReadonlyArray<number>, limit: number) =>
  Effect.map(
    predictTimeline((probe) =>
      strategy === "pooled"
        ? pooled(durations, probe.task(sleepFor), { concurrency: limit })
        : chunked(durations, probe.task(sleepFor), { chunkSize: limit })
    ),
    ([, timeline]) => timeline,
  )

/**
 * The strategy's schedule for these durations and this limit (pooled's
 * concurrency, chunked's chunk size). An edit that leaves one strategy's
 * input as it was (the chunk size alone, say) reruns only the other: the
 * last schedule of each is kept, never a refusal.
 */
export const scheduleOf = (
  strategy: Strategy,
  durations: ReadonlyArray<number>,
  limit: number,
): Effect.Effect<Timeline, InvalidOptionError> =>
  Effect.suspend(() => {
    const last = lastRuns[strategy]
    const key = `${String(limit)}|${durations.join(",")}`
    if (last.key === key && last.timeline !== undefined) return Effect.succeed(last.timeline)
    return Effect.tap(run(strategy, durations, limit), (timeline) => {
      last.key = key
      last.timeline = timeline
    })
  })
