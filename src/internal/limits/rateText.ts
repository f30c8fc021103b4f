/**
 * What a rate is, and the rule that reads one: `"50/s"`-style text (the CLI's
 * `--rate`) or `{ limit, interval, burst? }` (the library's option). Bad input
 * is refused with the kit's one message shape (options/rules.ts):
 * `Invalid option "rate": expected a rate such as "50/s" or "600/min" …, got "0/s"`.
 *
 * @internal
 */
import { Duration, Either } from "effect"
import * as defaults from "../defaults.ts"
import { finiteDuration, positiveInteger, refuse, type Rule, wholeNumber } from "../options/rules.ts"

/** A checked rate: `limit` starts per `interval`, `burst` of them at once at most. */
export interface RateSpec {
  /** Starts per interval: a whole number ≥ 1. */
  readonly limit: number
  /** A finite duration > 0. */
  readonly interval: Duration.Duration
  /** Starts allowed at the same instant after a quiet spell: 1 (the default) to `limit`. */
  readonly burst: number
}

/** The object form of a rate, as a caller writes it. */
export interface RateOptions {
  readonly limit: number
  readonly interval: Duration.DurationInput
  /** Default 1: evenly spaced starts, never more than `limit` in any window of `interval`. */
  readonly burst?: number | undefined
}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  sec: 1_000,
  second: 1_000,
  seconds: 1_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
}

const TEXT = /^\s*(\d+)\s*\/\s*(\d*)\s*([a-z]+)\s*$/i

const TEXT_REASON = `expected a rate such as "50/s" or "600/min" (a whole number ≥ 1 per ms, s, min or h, e.g. "5/10s")`

/**
 * Reads `"50/s"`, `"600/min"`, `"5/10s"`, `"1000/h"`: a whole number ≥ 1, a
 * slash, an optional whole number ≥ 1 of units, a unit (ms, s, min, h and
 * their long names). Refuses `"0/s"`, `"-1/s"`, `"1.5/s"`, `"abc"`, `"5/0s"`.
 */
export const rateText: Rule<RateSpec> = (option, value) => {
  const match = typeof value === "string" ? TEXT.exec(value) : null
  const unit = match === null ? undefined : UNITS[match[3]!.toLowerCase()]
  const limit = match === null ? 0 : Number(match[1])
  const count = match === null || match[2] === "" ? 1 : Number(match[2])
  if (
    unit === undefined || !Number.isSafeInteger(limit) || limit < 1 || !(count >= 1) || !Number.isSafeInteger(count)
  ) {
    return refuse(option, value, TEXT_REASON)
  }
  return Either.right({ limit, interval: Duration.millis(unit * count), burst: defaults.rateBurst })
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !Duration.isDuration(value)

/**
 * A rate as text or as `{ limit, interval, burst? }`. Each field is checked
 * by the kit's rules under its own name (`rate.limit`, `rate.interval`,
 * `rate.burst`); an interval of zero is refused (a rate needs time to spread
 * over), and `burst` may not exceed `limit`.
 */
export const rateRule: Rule<RateSpec> = (option, value) => {
  if (typeof value === "string") return rateText(option, value)
  if (!isRecord(value)) return refuse(option, value, `${TEXT_REASON}, or { limit, interval, burst? }`)
  return Either.gen(function* () {
    const limit = yield* positiveInteger(`${option}.limit`, value.limit)
    const interval = yield* finiteDuration(`${option}.interval`, value.interval)
    if (Duration.toMillis(interval) <= 0) {
      return yield* refuse(`${option}.interval`, value.interval, "expected a finite duration > 0")
    }
    const burst = value.burst === undefined
      ? defaults.rateBurst
      : yield* wholeNumber({ min: 1, max: limit })(`${option}.burst`, value.burst)
    return { limit, interval, burst }
  })
}

/** How a rate reads back: `50/s`, `600/min`, `5/10s` (burst shown when above 1). */
export const formatRate = (spec: RateSpec): string => {
  const ms = Duration.toMillis(spec.interval)
  const per = ms % 3_600_000 === 0
    ? `${ms === 3_600_000 ? "" : ms / 3_600_000}h`
    : ms % 60_000 === 0
    ? `${ms === 60_000 ? "" : ms / 60_000}min`
    : ms % 1_000 === 0
    ? `${ms === 1_000 ? "" : ms / 1_000}s`
    : `${ms}ms`
  return `${spec.limit}/${per}${spec.burst > 1 ? ` (burst ${spec.burst})` : ""}`
}
