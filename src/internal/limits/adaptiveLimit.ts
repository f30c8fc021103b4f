/**
 * An adaptive limit as an Effect: the pure decisions (adaptiveDecisions.ts)
 * driving a live limit (liveLimit.ts). A runner gates each task on `live`
 * and wraps it in `measure`, which tells the decisions when it started, when
 * it ended and how (a success, an overload by `isOverload`, or another
 * failure), and resizes `live` when they say so. `withPermit` does both.
 *
 * Measuring happens inside the permit, so a task's end is heard before its
 * permit frees: a cut takes effect before the next task starts.
 *
 * @internal
 */
import { Cause, Clock, Effect, Exit, FiberRef } from "effect"
import type { InvalidOptionError } from "../options/rules.ts"
import { ended, started } from "./adaptiveDecisions.ts"
import { type AdaptiveSettings, type AdaptiveState, initialState, type Outcome, type Reason } from "./adaptiveState.ts"
import { adaptiveRule } from "./adaptiveOptions.ts"
import { type LiveLimit, makeLiveLimit } from "./liveLimit.ts"
import { overloadSeen } from "./overloadSignal.ts"

/** One change of the limit: when (the clock's ms), to what, and why. */
export interface LimitChange {
  readonly at: number
  readonly limit: number
  readonly reason: Reason
}

/** The most changes kept in `unsafeHistory` (the latest ones): a long run keeps flat memory. */
export const historyKept = 10_000

/** Marks an adaptive limit, so a runner tells it from a number or a live limit. */
export const AdaptiveLimitTypeId: unique symbol = Symbol.for("poolwise/AdaptiveLimit")

/** Whether `value` is an adaptive limit (made by {@link makeAdaptiveLimit}). */
export const isAdaptiveLimit = (value: unknown): value is AdaptiveLimit =>
  typeof value === "object" && value !== null && AdaptiveLimitTypeId in value

export interface AdaptiveLimit {
  readonly [AdaptiveLimitTypeId]: typeof AdaptiveLimitTypeId
  readonly settings: AdaptiveSettings
  /** The live limit the decisions drive: gate tasks on it, watch `live.limit.changes`. */
  readonly live: LiveLimit
  /** Runs `effect` as one measured task (does not take a permit). */
  readonly measure: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Takes a permit of `live`, then runs `effect` measured. */
  readonly withPermit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** The decisions' state right now. */
  readonly unsafeState: () => AdaptiveState
  /** The limit's first value and its changes, with times and reasons (the latest {@link historyKept}). */
  readonly unsafeHistory: () => ReadonlyArray<LimitChange>
}

/** An adaptive limit from `adaptive(…)` options; `option` names it in a refusal. */
export const makeAdaptiveLimit = (
  options: unknown,
  option = "concurrency",
): Effect.Effect<AdaptiveLimit, InvalidOptionError> =>
  Effect.gen(function* () {
    const { isOverload, settings } = yield* adaptiveRule(option, options)
    const live = yield* makeLiveLimit(settings.initial, option)
    let state = initialState(settings)
    let history: Array<LimitChange> = [{ at: yield* Clock.currentTimeMillis, limit: state.limit, reason: "start" }]

    const outcomeOf = (exit: Exit.Exit<unknown, unknown>, overloaded: boolean): Outcome => {
      // A task that met an overload and got past it (a retry) still tells of the overload.
      if (Exit.isSuccess(exit)) return overloaded ? "overload" : "success"
      const failure = Cause.failureOption(exit.cause)
      return failure._tag === "Some" && isOverload(failure.value) ? "overload" : "failure"
    }

    const measure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function* () {
          const [afterStart, ticket] = started(state, yield* Clock.currentTimeMillis)
          state = afterStart
          const [exit, overloaded] = yield* Effect.locally(
            Effect.zip(Effect.exit(restore(effect)), FiberRef.get(overloadSeen)),
            overloadSeen,
            false,
          )
          const now = yield* Clock.currentTimeMillis
          const before = state.limit
          state = ended(state, ticket, now, outcomeOf(exit, overloaded))
          if (state.limit !== before) {
            history.push({ at: now, limit: state.limit, reason: state.reason })
            if (history.length > historyKept * 2) history = history.slice(-historyKept)
            // Always a whole number within [min, max]: the decisions clamp it.
            yield* Effect.orDie(live.resize(state.limit))
          }
          return yield* exit
        })
      )

    return {
      [AdaptiveLimitTypeId]: AdaptiveLimitTypeId,
      settings,
      live,
      measure,
      withPermit: (effect) => live.withPermit(measure(effect)),
      unsafeState: () => state,
      unsafeHistory: () => history.slice(-historyKept),
    }
  })
