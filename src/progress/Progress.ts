/**
 * Progress of a run: started, finished, failed and in-flight counts plus a
 * percentage, as a stream of snapshots for a progress bar or a service, and as
 * Effect `Metric`s for whatever exports them.
 *
 * @since 0.1.0
 */
import { Effect, Exit, Metric, type Stream, SubscriptionRef } from "effect"
import type { Task } from "../strategies/Strategy.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface ProgressSnapshot {
  readonly total: number
  readonly started: number
  readonly succeeded: number
  readonly failed: number
  readonly inFlight: number
  /** succeeded + failed */
  readonly finished: number
  /** finished / total × 100, rounded down; 100 when total is 0. */
  readonly percent: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  /** The same task, counted as it starts and ends. */
  readonly track: <A, B, E, R>(task: Task<A, B, E, R>) => Task<A, B, E, R>
  /** Counts one item as started, for work that is not one task (e.g. an item fetched now and written later in a batch). */
  readonly begin: Effect.Effect<void>
  /** Counts one started item as finished: succeeded (`true`) or failed. */
  readonly end: (succeeded: boolean) => Effect.Effect<void>
  readonly snapshot: Effect.Effect<ProgressSnapshot>
  /** The current snapshot, then every change. */
  readonly changes: Stream.Stream<ProgressSnapshot>
}

/**
 * The metrics every tracked task updates. Tag them (`Metric.tagged`) per job
 * if one process runs several.
 *
 * @since 0.1.0
 * @category metrics
 */
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

/**
 * A tracker for a run of `total` tasks.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { makeProgress, pooled } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const progress = yield* makeProgress(3)
 *   yield* Effect.fork(Stream.runForEach(progress.changes, (p) => Effect.log(`${p.percent}%`)))
 *   yield* pooled([1, 2, 3], progress.track((n: number) => Effect.succeed(n)), { concurrency: 2 })
 *   return yield* progress.snapshot // { finished: 3, percent: 100, ... }
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeProgress = (total: number): Effect.Effect<Progress> =>
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
      track: <A, B, E, R>(task: Task<A, B, E, R>): Task<A, B, E, R> => (item, index) =>
        Effect.acquireUseRelease(start, () => task(item, index), (_, exit) => end(Exit.isSuccess(exit))),
      begin: start,
      end,
      snapshot: SubscriptionRef.get(ref),
      changes: ref.changes,
    }
  })
