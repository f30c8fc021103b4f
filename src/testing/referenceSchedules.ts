/**
 * Reference schedules, computed by hand rather than by running anything: what
 * a pool and what fixed chunks should do with tasks of known durations. Compare
 * them with a recorded timeline (`startsByIndex`) to check a runner.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/testing/referenceSchedules.ts"

/**
 * Greedy list scheduling, the schedule of a pool of `limit` workers (and of
 * `Effect.forEach` with `concurrency: limit`): each task, in input order,
 * starts on the slot that frees up first. Start times by 0-based input index.
 *
 * @example
 * ```ts
 * import { greedyStarts } from "poolwise/testing"
 *
 * greedyStarts([100, 300, 200], 2) // [0, 0, 100]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const greedyStarts: (durations: ReadonlyArray<number>, limit: number) => Array<number> = internal.greedyStarts

/**
 * Fixed chunks of `chunkSize`: every task of chunk k starts when the longest
 * task of chunk k − 1 ends. Start times by 0-based input index.
 *
 * @example
 * ```ts
 * import { chunkedStarts } from "poolwise/testing"
 *
 * chunkedStarts([100, 300, 200], 2) // [0, 0, 300]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const chunkedStarts: (durations: ReadonlyArray<number>, chunkSize: number) => Array<number> =
  internal.chunkedStarts

/**
 * When the last task of a schedule ends: the largest start + duration.
 *
 * @example
 * ```ts
 * import { greedyStarts, makespanOf } from "poolwise/testing"
 *
 * makespanOf(greedyStarts([100, 300, 200], 2), [100, 300, 200]) // 300
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const makespanOf: (starts: ReadonlyArray<number>, durations: ReadonlyArray<number>) => number =
  internal.makespanOf
