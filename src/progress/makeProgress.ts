/**
 * Tracking a run's progress, as a stream of snapshots for a progress bar or a
 * service, and as Effect `Metric`s for whatever exports them.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"
import * as internal from "../internal/progress/progress.ts"
import type { Progress } from "./Progress.ts"

/**
 * The metrics every tracked task updates. Tag them (`Metric.tagged`) per job
 * if one process runs several.
 *
 * @since 0.1.0
 * @category metrics
 */
export const ProgressMetrics: typeof internal.ProgressMetrics = internal.ProgressMetrics

/**
 * A tracker for a run of `total` tasks (a whole number ≥ 0, else an
 * `InvalidOptionError`).
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
export const makeProgress: (total: number) => Effect.Effect<Progress, InvalidOptionError> = internal.makeProgress
