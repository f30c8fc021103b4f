/**
 * @deprecated A shim for the rooms still importing it; removed once they use `src/internal/options/rules.ts` and `src/options/InvalidOptionError.ts`.
 *
 * Bad limits are rejected, never "fixed up".
 *
 * `Effect.forEach` reads `concurrency: 0` or `NaN` as "sequential" and
 * `Infinity` as "unbounded" without a word, and `Duration` reads `-1` or `NaN`
 * as zero. In the incident a bad limit *is* the outage, so every runner checks
 * its limit, its input and its task first, and fails with this typed error,
 * which names the option (or argument) and the value it got.
 *
 * The rules themselves live in one module (`src/internal/options/rules.ts`).
 *
 * @since 0.1.0
 */
import type { Duration, Effect, Either } from "effect"
import * as rules from "../internal/options/rules.ts"

/**
 * A limit such as `concurrency` or `chunkSize` was not a positive whole number,
 * a duration was negative, infinite or unreadable, or a runner's `items` or
 * `task` argument was not what it takes.
 *
 * @since 0.1.0
 * @category errors
 */
export const InvalidOptionError: typeof rules.InvalidOptionError = rules.InvalidOptionError

/**
 * @since 0.1.0
 * @category errors
 */
export type InvalidOptionError = rules.InvalidOptionError

/**
 * Succeeds with `value` when it is a whole number ≥ 1, else fails with an
 * {@link InvalidOptionError} naming `option`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { positiveInteger } from "poolwise"
 *
 * const limit = Effect.runSync(positiveInteger("concurrency", 4)) // 4
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const positiveInteger = (option: string, value: unknown): Effect.Effect<number, InvalidOptionError> =>
  rules.check(rules.positiveInteger, option, value)

/**
 * `Right(duration)` when `value` is a finite duration ≥ 0, else
 * `Left(InvalidOptionError)` naming `option`.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { finiteDuration } from "poolwise"
 *
 * Either.isRight(finiteDuration("timeout", "5 seconds")) // true
 * Either.isLeft(finiteDuration("timeout", -1)) // true
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const finiteDuration = (option: string, value: unknown): Either.Either<Duration.Duration, InvalidOptionError> =>
  rules.finiteDuration(option, value)
