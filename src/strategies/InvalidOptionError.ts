/**
 * Bad limits are rejected, never "fixed up".
 *
 * `Effect.forEach` reads `concurrency: 0` or `NaN` as "sequential" and
 * `Infinity` as "unbounded" without a word, and `Duration` reads `-1` or `NaN`
 * as zero. In the incident a bad limit *is* the outage, so every runner checks
 * its limit, its input and its task first, and fails with this typed error,
 * which names the option (or argument) and the value it got.
 *
 * @since 0.1.0
 */
import { Data, Duration, Effect, Either, Option } from "effect"

/**
 * A limit such as `concurrency` or `chunkSize` was not a positive whole number,
 * a duration was negative, infinite or unreadable, or a runner's `items` or
 * `task` argument was not what it takes.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidOptionError extends Data.TaggedError("InvalidOptionError")<{
  readonly option: string
  readonly value: unknown
  readonly reason: string
}> {
  override get message(): string {
    return `Invalid option "${this.option}": ${this.reason}, got ${describe(this.value)}`
  }
}

const describe = (value: unknown): string => typeof value === "string" ? JSON.stringify(value) : String(value)

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
  typeof value === "number" && Number.isSafeInteger(value) && value >= 1
    ? Effect.succeed(value)
    : Effect.fail(new InvalidOptionError({ option, value, reason: "expected a whole number ≥ 1" }))

const isNegative = (value: unknown): boolean =>
  typeof value === "number"
    ? !(value >= 0)
    : typeof value === "bigint"
    ? value < 0n
    : typeof value === "string"
    ? /^\s*-/.test(value)
    : Array.isArray(value) && value.some(isNegative)

/**
 * `Right(duration)` when `value` is a finite duration ≥ 0 (a number of
 * milliseconds, a string such as `"5 seconds"`, a `Duration`...), else
 * `Left(InvalidOptionError)` naming `option`. `Duration` itself would read
 * `-1` and `NaN` as zero; here they are refused.
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
 * @since 0.2.0
 * @category validation
 */
export const finiteDuration = (
  option: string,
  value: unknown,
): Either.Either<Duration.Duration, InvalidOptionError> => {
  const duration = isNegative(value) ? Option.none() : Duration.decodeUnknown(value)
  return Option.isSome(duration) && Duration.isFinite(duration.value) ? Either.right(duration.value) : Either.left(
    new InvalidOptionError({
      option,
      value,
      reason: `expected a finite duration ≥ 0 (milliseconds, or a string such as "5 seconds")`,
    }),
  )
}
