/**
 * Every rule an option of the kit obeys, written once: the runners' limits,
 * the job's settings, the layers' pool sizes and timeouts, the CLI's flags.
 *
 * Why the kit refuses instead of "fixing up": `Effect.forEach` reads
 * `concurrency: 0` or `NaN` as sequential and `Infinity` as unbounded without
 * a word, and `Duration` reads `-1` or `NaN` as zero. In the incident a bad
 * limit *is* the outage, so a bad value fails the whole run before any work
 * starts, with one message shape that names the option and the value:
 * `Invalid option "concurrency": expected a whole number ≥ 1, got 0`.
 *
 * @internal
 */
import { Data, Duration, Effect, Either, Option } from "effect"

/**
 * An option, argument or flag was not what it takes. Raised before the run
 * starts, never once per item.
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

/** How a refused value is shown: strings quoted, everything else as JavaScript prints it. */
export const describe = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value)
  if (typeof value === "bigint") return `${value}n`
  if (typeof value === "function") return "a function"
  if (Duration.isDuration(value)) return Duration.format(value)
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value) ?? String(value)
    } catch {
      return String(value)
    }
  }
  return String(value)
}

/** A rule: the value it accepts (normalised), or the refusal naming `option`. */
export type Rule<A> = (option: string, value: unknown) => Either.Either<A, InvalidOptionError>

/** Refuses `value` for `option` with `reason` (the shared message shape). */
export const refuse = (option: string, value: unknown, reason: string): Either.Either<never, InvalidOptionError> =>
  Either.left(new InvalidOptionError({ option, value, reason }))

/** The Effect form of a rule: succeeds with the accepted value, fails with the refusal. */
export const check = <A>(rule: Rule<A>, option: string, value: unknown): Effect.Effect<A, InvalidOptionError> =>
  Effect.suspend(() => rule(option, value))

/** The rule, or `undefined` passed through: for options that have a default elsewhere. */
export const optional = <A>(rule: Rule<A>): Rule<A | undefined> => (option, value) =>
  value === undefined ? Either.right(undefined) : rule(option, value)

/**
 * A whole number in `[min, max]` (`max` defaults to 2^53 − 1, the largest
 * number JavaScript counts exactly). Refuses `1.5`, `NaN`, `±Infinity`,
 * `2^53`, strings and bigints.
 */
export const wholeNumber = (bounds: { readonly min: number; readonly max?: number | undefined }): Rule<number> => {
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER
  const reason = max === Number.MAX_SAFE_INTEGER
    ? `expected a whole number ≥ ${bounds.min}`
    : `expected a whole number from ${bounds.min} to ${max}`
  return (option, value) =>
    typeof value === "number" && Number.isSafeInteger(value) && value >= bounds.min && value <= max
      ? Either.right(value)
      : refuse(option, value, reason)
}

/** A whole number ≥ 1: limits, sizes, counts of things that must exist. */
export const positiveInteger: Rule<number> = wholeNumber({ min: 1 })

/** A whole number ≥ 0: retries, counts that may be zero. */
export const nonNegativeInteger: Rule<number> = wholeNumber({ min: 0 })

/**
 * A finite number above `above` (or at least `atLeast`): a scale, a rate, a
 * fraction. Refuses `NaN`, `±Infinity`, strings.
 */
export const finiteNumber = (bound: { readonly above: number } | { readonly atLeast: number }): Rule<number> => {
  const ok = "above" in bound ? (n: number) => n > bound.above : (n: number) => n >= bound.atLeast
  const reason = "above" in bound ? `expected a number > ${bound.above}` : `expected a number ≥ ${bound.atLeast}`
  return (option, value) =>
    typeof value === "number" && Number.isFinite(value) && ok(value)
      ? Either.right(value)
      : refuse(option, value, reason)
}

/** The accepted value, or the refusal thrown: for the few plain functions (the renderers) that cannot fail typed. */
export const orThrow = <A>(rule: Rule<A>, option: string, value: unknown): A => {
  const checked = rule(option, value)
  if (Either.isLeft(checked)) throw checked.left
  return checked.right
}

/** A TCP port: 1 to 65535. */
export const port: Rule<number> = wholeNumber({ min: 1, max: 65535 })

const negative = (value: unknown): boolean =>
  typeof value === "number"
    ? !(value >= 0)
    : typeof value === "bigint"
    ? value < 0n
    : typeof value === "string"
    ? /^\s*-/.test(value)
    : Array.isArray(value) && value.some(negative)

/**
 * A finite duration ≥ 0: a number of milliseconds, a string such as
 * `"5 seconds"`, a `Duration`, or an `[seconds, nanos]` pair. Refuses what
 * `Duration` would silently read as zero (`-1`, `NaN`, `"-5 seconds"`) and
 * what never ends (`Infinity`, `Duration.infinity`).
 */
export const finiteDuration: Rule<Duration.Duration> = (option, value) => {
  const duration = negative(value) ? Option.none() : Duration.decodeUnknown(value)
  // Beyond 2^53 − 1 ms a duration no longer counts milliseconds exactly (and is 285,000 years).
  return Option.isSome(duration) && Duration.isFinite(duration.value) &&
      Duration.toMillis(duration.value) <= Number.MAX_SAFE_INTEGER
    ? Either.right(duration.value)
    : refuse(option, value, `expected a finite duration ≥ 0 (milliseconds, or a string such as "5 seconds")`)
}

/** A {@link finiteDuration} above zero: a deadline that could never be met is refused. */
export const positiveDuration: Rule<Duration.Duration> = (option, value) => {
  const checked = finiteDuration(option, value)
  return Either.isRight(checked) && Duration.isZero(checked.right)
    ? refuse(option, value, `expected a finite duration > 0 (milliseconds, or a string such as "10 seconds")`)
    : checked
}

const runIdPattern = /^[A-Za-z0-9._:-]{1,64}$/

/** A run id: 1 to 64 of `A-Z a-z 0-9 . _ : -` (it is written to `sync_run_id`, a VARCHAR(64)). */
export const runId: Rule<string> = (option, value) =>
  typeof value === "string" && runIdPattern.test(value)
    ? Either.right(value)
    : refuse(option, value, "expected 1 to 64 of A-Z a-z 0-9 . _ : -")

/** One of a few words, e.g. `oneOf(["row", "bulk"])`: expected "row" or "bulk". */
export const oneOf = <const T extends string>(choices: ReadonlyArray<T>): Rule<T> => {
  const quoted = choices.map((choice) => JSON.stringify(choice))
  const reason = `expected ${
    quoted.length <= 2 ? quoted.join(" or ") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`
  }`
  return (option, value) =>
    typeof value === "string" && (choices as ReadonlyArray<string>).includes(value)
      ? Either.right(value as T)
      : refuse(option, value, reason)
}

/** `true` or `false`. */
export const boolean: Rule<boolean> = (option, value) =>
  typeof value === "boolean" ? Either.right(value) : refuse(option, value, "expected true or false")

/** A function, e.g. a task: `expected a function (item, index) => Effect`. */
export const functionOf = (shape: string): Rule<(...args: Array<never>) => unknown> => (option, value) =>
  typeof value === "function"
    ? Either.right(value as (...args: Array<never>) => unknown)
    : refuse(option, value, `expected a function ${shape}`)

/** An `Effect`, e.g. a stop signal. */
export const effect: Rule<Effect.Effect<unknown, unknown, unknown>> = (option, value) =>
  Effect.isEffect(value) ? Either.right(value) : refuse(option, value, "expected an Effect")

/**
 * The same rule over a command-line value. Text that is a plain number
 * (digits, an optional sign and fraction) is read as that number; any other
 * text goes to the rule as it is, so a whole-number rule refuses `"abc"` and
 * `"1e3"`, while a duration rule reads `"5 seconds"`. A refusal quotes the
 * text as typed.
 */
export const fromText = <A>(rule: Rule<A>): Rule<A> => (option, value) => {
  if (typeof value !== "string") return rule(option, value)
  const text = value.trim()
  const checked = rule(option, /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text)
  return Either.isLeft(checked) ? refuse(option, value, checked.left.reason) : checked
}
