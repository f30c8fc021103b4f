/**
 * The fix: a pool of `concurrency` workers. A worker that finishes takes the
 * next item at once, so no slot waits for a slower neighbour.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { pooledPlan } from "../internal/strategies/plans.ts"
import { makeRunner, makeStrategy } from "../internal/strategies/makeRunner.ts"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"
import type { PooledOptions, Runner } from "./Runner.ts"
import type { Strategy } from "./Strategy.ts"

/**
 * Runs `task` over `items` with at most `concurrency` tasks in flight; a
 * worker that finishes takes the next item at once. Results in input order.
 * `items` may be an array, any iterable or async iterable (read one item as a
 * slot frees up), or a `Stream` (the result is then a `Stream`).
 *
 * With the blog's workload (100, 300, 200 ms) and `concurrency: 2`, the 200 ms
 * task starts at t = 100, when the first slot frees up: done at 300 ms.
 *
 * @example
 * ```ts
 * import { Effect, pipe } from "effect"
 * import { pooled } from "poolwise"
 *
 * const double = (n: number) => Effect.succeed(n * 2)
 *
 * const dataFirst = pooled([1, 2, 3], double, { concurrency: 2 })
 * const dataLast = pipe([1, 2, 3], pooled(double, { concurrency: 2 }))
 *
 * Effect.runSync(dataFirst) // [2, 4, 6]
 * ```
 *
 * @since 0.1.0
 * @category runners
 */
export const pooled: Runner<PooledOptions> = makeRunner(pooledPlan)

/**
 * The pooled strategy as a value, validated once, for a job that takes any
 * strategy (`strategy.run(items, task, options)`).
 *
 * @since 0.1.0
 * @category strategies
 */
export const pooledStrategy = (options: PooledOptions): Effect.Effect<Strategy, InvalidOptionError> =>
  Effect.map(pooledPlan(options), makeStrategy)
