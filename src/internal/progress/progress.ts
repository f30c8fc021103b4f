/**
 * A progress tracker: a `SubscriptionRef` of the counts, and the metrics every
 * tracked task updates. See the public face (`src/progress/makeProgress.ts`).
 *
 * @internal
 */
import { Effect, Exit, Metric, SubscriptionRef } from "effect"
import type { Progress, ProgressSnapshot } from "../../progress/Progress.ts"
import type { Task } from "../../strategies/Runner.ts"
import { check, type InvalidOptionError, nonNegativeInteger } from "../options/rules.ts"
import { carryCheck } from "../strategies/taskCheck.ts"

export const ProgressMetrics = {
  started: Metric.counter("poolwise_tasks_started", { description: "Tasks started" }),
  succeeded: Metric.counter("poolwise_tasks_succeeded", { description: "Tasks that succeeded" }),
  failed: Metric.counter("poolwise_tasks_failed", { description: "Tasks that failed or were interrupted" }),
  inFlight: Metric.gauge("poolwise_tasks_in_flight", { description: "Tasks running now" }),
} as const

const empty = (total: number): ProgressSnapshot => ({
  total,
  started: 0,
  succeeded: 0,
  failed: 0,
  inFlight: 0,
  finished: 0,
  percent: total === 0 ? 100 : 0,
})

const withPercent = (s: Omit<ProgressSnapshot, "finished" | "percent">): ProgressSnapshot => {
  const finished = s.succeeded + s.failed
  return { ...s, finished, percent: s.total === 0 ? 100 : Math.floor((finished / s.total) * 100) }
}

/** Where the kit's own trackers keep the way to change their total: not on the public `Progress` face. */
const totalKey = Symbol.for("poolwise/Progress/setTotal")
/** And the way to count many items as started and finished in one step. */
const manyKey = Symbol.for("poolwise/Progress/finishMany")

interface WithTotal {
  readonly [totalKey]?: (total: number) => Effect.Effect<void>
  readonly [manyKey]?: (succeeded: number, failed: number) => Effect.Effect<void>
}

/**
 * Makes `progress`'s total `total`, the percentage recomputed: a resumed run's
 * own product count, which may differ from the count the tracker was made
 * with. A tracker not made by the kit's `makeProgress` is left as it is.
 */
export const setTotal = (progress: Progress | undefined, total: number): Effect.Effect<void> => {
  const set = (progress as WithTotal | undefined)?.[totalKey]
  return set === undefined ? Effect.void : set(total)
}

/**
 * Counts `succeeded + failed` more items as started and finished, in one step
 * on the kit's own trackers (one update, the metrics moved by the counts), one
 * `begin`/`end` pair per item on any other `Progress`: a cluster client moves
 * its run's progress by whole pages.
 */
export const finishMany = (progress: Progress | undefined, succeeded: number, failed: number): Effect.Effect<void> => {
  if (progress === undefined || succeeded + failed <= 0) return Effect.void
  const many = (progress as WithTotal)[manyKey]
  if (many !== undefined) return many(succeeded, failed)
  return Effect.forEach(
    Array.from({ length: succeeded + failed }, (_, i) => i >= failed),
    (ok) => Effect.zipRight(progress.begin, progress.end(ok)),
    { discard: true },
  )
}

export const makeProgress = (total: number): Effect.Effect<Progress, InvalidOptionError> =>
  Effect.flatMap(
    check(nonNegativeInteger, "total", total),
    (total) =>
      Effect.map(SubscriptionRef.make(empty(total)), (ref) => {
        const update = (f: (s: ProgressSnapshot) => Omit<ProgressSnapshot, "finished" | "percent">) =>
          SubscriptionRef.update(ref, (s) => withPercent(f(s)))

        const start = update((s) => ({ ...s, started: s.started + 1, inFlight: s.inFlight + 1 })).pipe(
          Effect.zipRight(Metric.increment(ProgressMetrics.started)),
          Effect.zipRight(Metric.incrementBy(ProgressMetrics.inFlight, 1)),
        )
        const end = (ok: boolean) =>
          update((s) => ({
            ...s,
            inFlight: s.inFlight - 1,
            succeeded: s.succeeded + (ok ? 1 : 0),
            failed: s.failed + (ok ? 0 : 1),
          })).pipe(
            Effect.zipRight(Metric.increment(ok ? ProgressMetrics.succeeded : ProgressMetrics.failed)),
            Effect.zipRight(Metric.incrementBy(ProgressMetrics.inFlight, -1)),
          )

        return {
          // The task's own option check (withTaskTimeout's) travels with the tracked task.
          track: <A, B, E, R>(task: Task<A, B, E, R>): Task<A, B, E, R> =>
            carryCheck(task, (item: A, index: number) =>
              Effect.acquireUseRelease(start, () => task(item, index), (_, exit) => end(Exit.isSuccess(exit)))),
          begin: start,
          end,
          snapshot: SubscriptionRef.get(ref),
          changes: ref.changes,
          [totalKey]: (total: number) =>
            update((s) => ({ ...s, total })),
          [manyKey]: (succeeded: number, failed: number) =>
            update((s) => ({
              ...s,
              started: s.started + succeeded + failed,
              succeeded: s.succeeded + succeeded,
              failed: s.failed + failed,
            })).pipe(
              Effect.zipRight(Metric.incrementBy(ProgressMetrics.started, succeeded + failed)),
              Effect.zipRight(Metric.incrementBy(ProgressMetrics.succeeded, succeeded)),
              Effect.zipRight(Metric.incrementBy(ProgressMetrics.failed, failed)),
            ),
        }
      }),
  )
