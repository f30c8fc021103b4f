/**
 * The incident: every task at once. Kept so the failure can be reproduced and
 * measured, not as a recommendation.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { unboundedPlan } from "../internal/strategies/plans.ts"
import { makeRunner, makeStrategy } from "../internal/strategies/makeRunner.ts"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"
import type { Runner, UnboundedOptions } from "./Runner.ts"
import type { Strategy } from "./Strategy.ts"

/**
 * Runs every task at once, like `Promise.all(items.map(task))`. It takes no
 * `rate`: it has no limit for a rate to sit on (a `rate` given anyway is
 * refused with `InvalidOptionError`); use `pooled` or `chunked` for one.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { unbounded } from "poolwise"
 *
 * Effect.runSync(unbounded([1, 2, 3], (n) => Effect.succeed(n * 2), {})) // [2, 4, 6]
 * ```
 *
 * @since 0.1.0
 * @category runners
 */
export const unbounded: Runner<UnboundedOptions> = makeRunner(unboundedPlan)

/**
 * The unbounded strategy as a value.
 *
 * @since 0.1.0
 * @category strategies
 */
export const unboundedStrategy = (): Effect.Effect<Strategy, InvalidOptionError> =>
  Effect.map(unboundedPlan(), makeStrategy)
