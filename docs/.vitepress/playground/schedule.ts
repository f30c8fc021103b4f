/**
 * One strategy's schedule, computed by the kit: its `pooled` or `chunked`
 * run over the durations under TestClock (`predictTimeline`), the limit
 * passed as typed so the runner checks it. Used on the page's thread and in
 * the playground's worker (predictWorker.ts) alike.
 */
import { Cause, Effect, Exit } from "effect"
import { chunked, InvalidOptionError, pooled } from "poolwise"
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

/** What the worker is asked: one strategy's schedule. */
export interface ScheduleRequest {
  readonly id: number
  readonly strategy: Strategy
  readonly durations: ReadonlyArray<number>
  readonly limit: number
}

/** What the worker answers: the schedule, the kit's refusal (its fields), or another failure's message. */
export type ScheduleReply =
  | { readonly id: number; readonly ok: true; readonly timeline: Timeline }
  | {
    readonly id: number
    readonly ok: false
    readonly refusal?: { readonly option: string; readonly value: unknown; readonly reason: string }
    readonly message: string
  }

/** Runs a request, as the worker does, into a reply that crosses threads (plain data). */
export const reply = async (request: ScheduleRequest): Promise<ScheduleReply> => {
  const exit = await Effect.runPromiseExit(scheduleOf(request.strategy, request.durations, request.limit))
  if (Exit.isSuccess(exit)) return { id: request.id, ok: true, timeline: exit.value }
  const error = Cause.squash(exit.cause)
  if (error instanceof InvalidOptionError) {
    const { option, value, reason } = error
    return { id: request.id, ok: false, refusal: { option, value, reason }, message: error.message }
  }
  return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }
}

/** A reply as the page's thread sees it: the schedule, or the same refusal the kit gave in the worker. */
export const fromReply = (answer: ScheduleReply): Effect.Effect<Timeline, InvalidOptionError> => {
  if (answer.ok) return Effect.succeed(answer.timeline)
  if (answer.refusal !== undefined) return Effect.fail(new InvalidOptionError(answer.refusal))
  return Effect.die(new Error(answer.message))
}
