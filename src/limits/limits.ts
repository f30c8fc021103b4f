/**
 * The constructors of the limits a pooled run takes beside a number.
 *
 * @since 0.3.0
 */
import type { Effect } from "effect"
import { makeAdaptiveLimit } from "../internal/limits/adaptiveLimit.ts"
import { makeLiveLimit } from "../internal/limits/liveLimit.ts"
import { reportOverload } from "../internal/limits/overloadSignal.ts"
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

/**
 * Tells the adaptive limit running this task that it met an overload and got
 * past it: a refusal (a 1040, a supplier's 429) that a retry inside the task
 * then got past. The task succeeds, so its exit says nothing; with this, the
 * limit cuts as it would for an overload that failed the task. Outside an
 * adaptive limit (a number, a live limit, no runner) it does nothing.
 *
 * @example
 * ```ts
 * import { Effect, Schedule } from "effect"
 * import { adaptive, overloaded, pooled } from "poolwise"
 *
 * // A call that is refused ("429") on its first try, then answered.
 * let tries = 0
 * const call = Effect.suspend(() => ++tries === 1 ? Effect.fail({ status: 429 }) : Effect.succeed("ok"))
 *
 * const program = Effect.gen(function*() {
 *   const limit = yield* adaptive({ min: 1, max: 20, initial: 10 })
 *   const retried = Effect.retry(Effect.tapError(call, () => overloaded), Schedule.recurs(3))
 *   yield* pooled([1], () => retried, { concurrency: limit })
 *   return limit.unsafeHistory().at(-1) // { at: (now), limit: 9, reason: "overload" }: 10 × 0.9
 * })
 * ```
 *
 * @since 0.3.0
 * @category combinators
 */
export const overloaded: Effect.Effect<void> = reportOverload
