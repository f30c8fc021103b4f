/**
 * What a run in `mode: "collect"` returns: every item's outcome, by input index.
 *
 * This is the Effect spelling of promise-pool's `{ results, errors }`: nothing
 * is thrown away, and each failure keeps the item that caused it. A run that
 * was stopped early (`haltWhen`, `interruptWhen`) or whose input failed also
 * says which items did not run, and why.
 *
 * @since 0.1.0
 */
import { Array as Arr, type Either } from "effect"
import * as errors from "../internal/strategies/errors.ts"

/**
 * One failed item: where it stood in the input, what it was, and why it failed.
 *
 * @since 0.1.0
 * @category models
 */
export interface TaskFailure<A, E> {
  readonly index: number
  readonly item: A
  readonly error: E
}

/**
 * Why an item did not run to its end:
 * - `"stopped"`: the run was stopped (`haltWhen`, `interruptWhen`) before it started;
 * - `"interrupted"`: it was running when `interruptWhen` fired;
 * - `"input failed"`: reading it from the input threw (`cause`); nothing after it was read.
 *
 * @since 0.1.0
 * @category models
 */
export type NotRunReason = errors.NotRunReason

/**
 * Item `index` did not run to its end, for `reason`. In collect mode it is
 * the item's outcome (`results[index]` and `notRun`); in fail-fast mode the
 * run fails with the first one.
 *
 * @since 0.1.0
 * @category errors
 */
export const TaskNotRun: typeof errors.TaskNotRun = errors.TaskNotRun

/**
 * @since 0.1.0
 * @category errors
 */
export type TaskNotRun = errors.TaskNotRun

/**
 * `results[i]` is `Either.right(value)` or `Either.left(error)` for `items[i]`;
 * `errors` lists the failures on their own, in input order. When the run
 * ended early, `results[i]` is `Either.left(TaskNotRun)` for an item that did
 * not run to its end, and `notRun` lists those items on their own.
 *
 * Items of an array are all accounted for. An iterable (or async iterable)
 * that was not read to its end is accounted for as far as it was read: the
 * items never taken from it are not listed (it may be infinite).
 *
 * @since 0.1.0
 * @category models
 */
export interface Settled<A, B, E> {
  readonly results: ReadonlyArray<Either.Either<B, E | TaskNotRun>>
  readonly errors: ReadonlyArray<TaskFailure<A, E>>
  /** Empty unless the run was stopped or its input failed. */
  readonly notRun: ReadonlyArray<TaskNotRun>
}

/**
 * The successful values of a settled run, in input order.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { pooled, successes } from "poolwise"
 *
 * const run = pooled([1, 2, 3], (n) => n === 2 ? Effect.fail("two") : Effect.succeed(n * 10), {
 *   concurrency: 2,
 *   mode: "collect"
 * })
 * const settled = Effect.runSync(run)
 * successes(settled) // [10, 30]
 * settled.errors // [{ index: 1, item: 2, error: "two" }]
 * ```
 *
 * @since 0.1.0
 * @category getters
 */
export const successes = <A, B, E>(settled: Settled<A, B, E>): ReadonlyArray<B> => Arr.getRights(settled.results)
