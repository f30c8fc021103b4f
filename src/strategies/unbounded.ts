/**
 * The incident: every task at once. Kept so the failure can be reproduced and
 * measured, not as a recommendation.
 *
 * @since 0.1.0
 */
import { Effect, Stream } from "effect"
import type { InvalidOptionError } from "./InvalidOptionError.ts"
import { makeRunner } from "../internal/runner.ts"
import type { Runner, Strategy } from "./Strategy.ts"

/**
 * Unbounded takes no limit; the empty options keep the same {@link Runner} shape.
 *
 * @since 0.1.0
 * @category models
 */
export type UnboundedOptions = Record<never, never>

/**
 * The unbounded strategy: `Promise.all(items.map(task))`, as Effects.
 *
 * @since 0.1.0
 * @category strategies
 */
export const unboundedStrategy = (_options?: UnboundedOptions): Effect.Effect<Strategy, InvalidOptionError> =>
  Effect.succeed({
    name: "unbounded",
    limit: "unbounded",
    dispatch: (items, task) => Effect.forEach(items, task, { concurrency: "unbounded" }),
    stream: (task) => Stream.mapEffect(task, { concurrency: "unbounded", unordered: true }),
  })

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
export const unbounded: Runner<UnboundedOptions> = makeRunner(unboundedStrategy)
