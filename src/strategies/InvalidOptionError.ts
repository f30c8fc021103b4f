/**
 * Bad limits are rejected, never "fixed up".
 *
 * `Effect.forEach` reads `concurrency: 0` or `NaN` as "sequential" and
 * `Infinity` as "unbounded" without a word. In the incident a bad limit *is*
 * the outage, so every runner checks its limit first and fails with this typed
 * error, which names the option and the value it got.
 *
 * @since 0.1.0
 */
import { Data, Effect } from "effect"

/**
 * A limit such as `concurrency` or `chunkSize` was not a positive whole number.
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
