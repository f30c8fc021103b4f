/**
 * The fix: a pool of `concurrency` workers. A worker that finishes takes the
 * next item at once, so no slot waits for a slower neighbour.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { type InvalidOptionError, positiveInteger } from "./InvalidOptionError.ts"
import { workerEngine } from "../internal/strategies/engines.ts"
import { makePlan, makeRunner, type Plan } from "../internal/strategies/runner.ts"
import type { Runner, Strategy } from "./Strategy.ts"
import { workerStream } from "../internal/strategies/workerStream.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface PooledOptions {
  /** How many tasks may run at once: a whole number ≥ 1. */
  readonly concurrency: number
}

const pooledPlan = (options: PooledOptions): Effect.Effect<Plan, InvalidOptionError> =>
  Effect.map(
    positiveInteger("concurrency", options?.concurrency),
    (concurrency) =>
      makePlan("pooled", concurrency, workerEngine(concurrency), (task) => workerStream(task, concurrency)),
  )

/**
 * The pooled strategy: `concurrency` workers share one cursor; a worker that
 * finishes takes the next item at once (`src/internal/strategies/workerLoop.ts`). Over a stream,
 * the same workers pull the input chunk by chunk (`workerStream`); they
 * are hired as items arrive, so a limit far above the input's size costs
 * nothing.
 *
 * @since 0.1.0
 * @category strategies
 */
export const pooledStrategy = (options: PooledOptions): Effect.Effect<Strategy, InvalidOptionError> =>
  Effect.map(pooledPlan(options), (plan) => plan.strategy)

/**
 * Runs `task` over `items` with at most `concurrency` tasks in flight.
 * Results come back in input order.
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
