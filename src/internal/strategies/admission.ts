/**
 * What lets a pooled run's item start, when it is more than a fixed number:
 * a live limit (`liveLimit(n)`: resize, pause, resume while the run goes on),
 * an adaptive limit (`adaptive({ min, max })`: moved by what the tasks
 * measure), and a rate (`rate: "50/s"`: at most N starts per interval), each
 * built from src/internal/limits (nothing here decides a start time).
 *
 * A run turns its checked {@link Concurrency} and rate into one
 * {@link Admission} when it starts: a fixed number with a rate becomes a live
 * limit of that size that nobody resizes, and the rate's schedule is the
 * run's own (a strategy run twice spaces each run from its own first start).
 * A chunked run with a rate takes the same start times ({@link startTimesOf}).
 *
 * @internal
 */
import { Effect, Either } from "effect"
import { type AdaptiveLimit, isAdaptiveLimit } from "../limits/adaptiveLimit.ts"
import { isLiveLimit, type LiveLimit, makeLiveLimit } from "../limits/liveLimit.ts"
import { makeRateLimit } from "../limits/rateLimit.ts"
import { rateRule, type RateSpec } from "../limits/rateText.ts"
import { optional, positiveInteger, refuse, type Rule } from "../options/rules.ts"

/** A pooled run's `concurrency`, checked. */
export type Concurrency =
  | { readonly _tag: "fixed"; readonly n: number }
  | { readonly _tag: "live"; readonly live: LiveLimit }
  | { readonly _tag: "adaptive"; readonly adaptive: AdaptiveLimit }

/** A whole number ≥ 1, a live limit, or an adaptive limit. */
export const concurrencyRule: Rule<Concurrency> = (option, value) => {
  if (isLiveLimit(value)) return Either.right({ _tag: "live", live: value })
  if (isAdaptiveLimit(value)) return Either.right({ _tag: "adaptive", adaptive: value })
  if (typeof value === "object" && value !== null) {
    return refuse(option, value, "expected a whole number ≥ 1, a liveLimit(n) or an adaptive({ min, max }) limit")
  }
  return Either.map(positiveInteger(option, value), (n) => ({ _tag: "fixed", n }))
}

/** An optional rate: `"50/s"`-style text or `{ limit, interval, burst? }`. */
export const optionalRate: Rule<RateSpec | undefined> = optional(rateRule)

/** The limit a run reads right now: the number, or the handle's current limit. */
export const currentLimit = (concurrency: Concurrency): number =>
  concurrency._tag === "fixed"
    ? concurrency.n
    : (concurrency._tag === "live" ? concurrency.live : concurrency.adaptive.live).unsafeState().limit

/** How one run admits its items. */
export interface Admission {
  /** Workers the run keeps at most right now: one more than the limit, so one waits at the head of the line. */
  readonly workers: () => number
  /** Wraps "take the next item and run it": waits for a permit of the limit, holds it to the end. */
  readonly permit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /**
   * Wraps the start of an item already taken: waits for the rate's start time
   * (no wait without a rate). Taken under the permit, so a worker that finds
   * the input ended spends no start time.
   */
  readonly token: StartTime
  /** Wraps one task: an adaptive limit measures it; otherwise the task as it is. */
  readonly measure: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/** Wraps the start of an item: waits for its start time, if the run has a rate. */
export type StartTime = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>

const same: StartTime = (effect) => effect

/** One run's start times: a fresh schedule of `rate` (spaced from the run's own first start), or no wait. */
export const startTimesOf = (rate: RateSpec | undefined): Effect.Effect<StartTime> =>
  rate === undefined
    ? Effect.succeed(same)
    : Effect.map(Effect.orDie(makeRateLimit(rate)), (limiter) => limiter.withToken)

/** The admission of one run (its own rate schedule; the handles are shared with whoever made them). */
export const admissionOf = (concurrency: Concurrency, rate: RateSpec | undefined): Effect.Effect<Admission> =>
  Effect.gen(function* () {
    const live = concurrency._tag === "fixed"
      ? yield* Effect.orDie(makeLiveLimit(concurrency.n))
      : concurrency._tag === "live"
      ? concurrency.live
      : concurrency.adaptive.live
    const token = yield* startTimesOf(rate)
    return {
      workers: () => live.unsafeState().limit + 1,
      permit: live.withPermit,
      token,
      measure: concurrency._tag === "adaptive" ? concurrency.adaptive.measure : same,
    }
  })
