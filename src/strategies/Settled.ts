/**
 * What a run in `mode: "collect"` returns: every item's outcome, by input index.
 *
 * This is the Effect spelling of promise-pool's `{ results, errors }`: nothing
 * is thrown away, and each failure keeps the item that caused it.
 *
 * @since 0.1.0
 */
import { Array as Arr, type Either } from "effect"

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
 * `results[i]` is `Either.right(value)` or `Either.left(error)` for `items[i]`;
 * `errors` lists the failures on their own, in input order.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settled<A, B, E> {
  readonly results: ReadonlyArray<Either.Either<B, E>>
  readonly errors: ReadonlyArray<TaskFailure<A, E>>
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
