/**
 * The incident: every task at once. Kept so the failure can be reproduced and
 * measured, not as a recommendation.
 *
 * @since 0.1.0
 */
import { Effect, Stream } from "effect"
import type { InvalidOptionError } from "./InvalidOptionError.ts"
import { workerEngine } from "../internal/strategies/engines.ts"
import { makePlan, makeRunner, type Plan } from "../internal/strategies/runner.ts"
import type { Runner, Strategy } from "./Strategy.ts"

/**
 * Unbounded takes no limit; the empty options keep the same {@link Runner} shape.
 *
 * @since 0.1.0
 * @category models
 */
export type UnboundedOptions = Record<never, never>

/** Every item at once: the pooled engine with no limit, so it reads any iterable the same way. */
const unboundedPlan: Plan = makePlan(
  "unbounded",
  "unbounded",
  workerEngine(Number.POSITIVE_INFINITY),
  (task) => (items) =>
    items.pipe(
      Stream.zipWithIndex,
      Stream.mapEffect(([item, index]) => task(item, index), { concurrency: "unbounded", unordered: true }),
    ),
)

/**
 * The unbounded strategy: `Promise.all(items.map(task))`, as Effects.
 *
 * @since 0.1.0
 * @category strategies
 */
export const unboundedStrategy = (_options?: UnboundedOptions): Effect.Effect<Strategy, InvalidOptionError> =>
  Effect.succeed(unboundedPlan.strategy)

/**
 * Runs every task at once, like `Promise.all(items.map(task))`.
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
export const unbounded: Runner<UnboundedOptions> = makeRunner(() => Effect.succeed(unboundedPlan))
