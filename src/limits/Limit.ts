/**
 * Limits that are more than a number: a live limit a run reads while it goes
 * on, an adaptive limit that finds the concurrency from what the tasks
 * measure, and a rate. A pooled run takes any of them: `concurrency` is a
 * number, a {@link LiveLimit} or an {@link AdaptiveLimit}, and `rate` adds at
 * most N starts per interval on top (docs/10-finding-n.md).
 *
 * @since 0.3.0
 */
import type { Duration, Effect, Subscribable } from "effect"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"

/**
 * A limit to change while a run goes on. Raising it starts waiting items at
 * once; lowering it interrupts nothing (running tasks finish, and no item
 * starts until fewer than the new limit run); `pause` starts nothing until
 * `resume`. Each change costs O(1), plus O(1) per item it lets start. Give the
 * same limit to several runs and they share it.
 *
 * @since 0.3.0
 * @category models
 */
export interface LiveLimit {
  /** Sets the limit to `n` (a whole number ≥ 1); refuses anything else, changing nothing. */
  readonly resize: (n: number) => Effect.Effect<void, InvalidOptionError>
  /** From now on no item starts, until `resume`. Running tasks go on. */
  readonly pause: Effect.Effect<void>
  /** Starts items again, up to the limit. */
  readonly resume: Effect.Effect<void>
  /** The limit: `get` reads it, `changes` streams it (the current value first, then each change). */
  readonly limit: Subscribable.Subscribable<number>
  /** Whether it is paused, read and streamed the same way. */
  readonly paused: Subscribable.Subscribable<boolean>
  /** Runs one effect under the limit, outside any run: waits for a permit, gives it back on any exit. */
  readonly withPermit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * What `adaptive(…)` takes. Only `max` is required: nothing else bounds the
 * limit.
 *
 * @since 0.3.0
 * @category models
 */
export interface AdaptiveOptions {
  /** The limit never goes below this: a whole number ≥ 1. Default 1. */
  readonly min?: number | undefined
  /** The limit never goes above this: a whole number ≥ `min`. */
  readonly max: number
  /** Where it starts, within [min, max]. Default `min`. */
  readonly initial?: number | undefined
  /** `"gradient"` (latency and overloads, the default) or `"aimd"` (overloads only). */
  readonly algorithm?: "gradient" | "aimd" | undefined
  /** What an overload multiplies the limit by: above 0, below 1. Default 0.9. */
  readonly backoff?: number | undefined
  /** Latency above the quietest seen that still reads as no queue, as a fraction ≥ 0. Default 0.1. */
  readonly tolerance?: number | undefined
  /**
   * Which task failures are overloads. Default: a `TaskTimeoutError`, a
   * database out of connections (errno 1040, 1203, 1226), an HTTP 429 or 503
   * (`status`), a `ServiceOverloaded`.
   */
  readonly isOverload?: ((error: unknown) => boolean) | undefined
}

/**
 * One change of an adaptive limit: when (the clock's ms), to what, and why.
 *
 * @since 0.3.0
 * @category models
 */
export interface LimitChange {
  readonly at: number
  readonly limit: number
  readonly reason: "start" | "grow" | "queue" | "overload" | "baseline reset" | "hold"
}

/**
 * A limit that moves by itself: it grows while tasks succeed without a queue
 * showing in their latency, and shrinks when latency grows (gradient) or a
 * task fails with an overload (both algorithms), never beyond [min, max].
 * Its `live` limit can be watched (`live.limit.changes`), paused and resumed.
 *
 * @since 0.3.0
 * @category models
 */
export interface AdaptiveLimit {
  /** The options, checked, with their defaults. */
  readonly settings: {
    readonly algorithm: "gradient" | "aimd"
    readonly min: number
    readonly max: number
    readonly initial: number
    readonly backoff: number
    readonly tolerance: number
  }
  /** The limit it moves. */
  readonly live: LiveLimit
  /** The first limit and every change since (the latest 10,000), with times and reasons. */
  readonly unsafeHistory: () => ReadonlyArray<LimitChange>
}

/**
 * A rate as an object: at most `limit` starts per `interval`. Or as text:
 * `"50/s"`, `"600/min"`, `"5/10s"`.
 *
 * @since 0.3.0
 * @category models
 */
export interface RateOptions {
  /** Starts per interval: a whole number ≥ 1. */
  readonly limit: number
  /** A finite duration > 0. */
  readonly interval: Duration.DurationInput
  /**
   * Starts allowed at the same instant after a quiet spell: 1 (the default:
   * evenly spaced, never more than `limit` in any window of `interval`) to `limit`.
   */
  readonly burst?: number | undefined
}
