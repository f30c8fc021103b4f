/**
 * The constructors of the limits a pooled run takes beside a number.
 *
 * @since 0.3.0
 */
import type { Effect } from "effect"
import { makeAdaptiveLimit } from "../internal/limits/adaptiveLimit.ts"
import { makeLiveLimit } from "../internal/limits/liveLimit.ts"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"
import type { AdaptiveLimit, AdaptiveOptions, LiveLimit } from "./Limit.ts"

/**
 * A live limit starting at `initial` (a whole number ≥ 1), to pass as a
 * pooled run's `concurrency` and change while it runs.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { liveLimit, pooled } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const limit = yield* liveLimit(2)
 *   const run = yield* Effect.fork(pooled([1, 2, 3, 4], (n) => Effect.succeed(n), { concurrency: limit }))
 *   yield* limit.resize(4) // the waiting items start at once
 *   return yield* run
 * })
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const liveLimit = (initial: number): Effect.Effect<LiveLimit, InvalidOptionError> => makeLiveLimit(initial)

/**
 * An adaptive limit, to pass as a pooled run's `concurrency`: it starts at
 * `min` (or `initial`), doubles while the tasks show no queue, and settles
 * near the concurrency the service serves without queueing; overloads
 * (refusals, timeouts) cut it. Options are checked here: a bad one fails with
 * an `InvalidOptionError` naming `concurrency.<field>`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { adaptive, pooled } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const limit = yield* adaptive({ min: 1, max: 50 })
 *   yield* pooled([1, 2, 3], (n) => Effect.succeed(n), { concurrency: limit })
 *   return limit.unsafeHistory() // [{ at: 0, limit: 1, reason: "start" }, …]
 * })
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const adaptive = (options: AdaptiveOptions): Effect.Effect<AdaptiveLimit, InvalidOptionError> =>
  makeAdaptiveLimit(options)
