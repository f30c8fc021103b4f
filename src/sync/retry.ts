/**
 * Retrying the failures a second attempt can fix, and only those.
 *
 * A lost connection, a server out of connections, a deadlock or a lock wait
 * timeout says nothing about the statement: the same UPDATE may well succeed a
 * moment later. A constraint violation or a syntax error will fail the same
 * way every time, so it is reported at once. Every write the sync job makes
 * sets absolute values, so running it again after a lost reply is harmless.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Schedule, ScheduleDecision } from "effect"
import { InvalidOptionError } from "../strategies/InvalidOptionError.ts"
import { RepositoryError } from "./RepositoryError.ts"

/**
 * How to retry: exponential backoff from `base`, doubled each time, each delay
 * at most `cap`, at most `times` retries after the first attempt.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicy {
  /** Retries after the first attempt: a whole number ≥ 0; 0 turns retrying off. */
  readonly times: number
  /** The first delay; each next one is twice the last. */
  readonly base: Duration.DurationInput
  /** No delay is longer than this, jitter included. */
  readonly cap: Duration.DurationInput
  /**
   * Scale each delay by a random factor in [0.8, 1.2) (true by default), so
   * clients refused at the same moment do not all come back at the same moment.
   */
  readonly jitter?: boolean | undefined
}

/**
 * The recommended policy: 5 retries from 50 ms, jittered, capped at 2 s, so
 * about 1.5 s of waiting in all before an item is given up.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultRetryPolicy: RetryPolicy = { times: 5, base: Duration.millis(50), cap: Duration.seconds(2) }

/**
 * No retries: every failure is reported as it happens. The sync job's
 * default, so that a run shows what the server did.
 *
 * @since 0.1.0
 * @category defaults
 */
export const noRetries: RetryPolicy = { times: 0, base: Duration.zero, cap: Duration.zero }

/**
 * Whether `error` is worth another attempt: a {@link RepositoryError} the
 * server or the socket marked transient (see `isTransientMysqlError`).
 *
 * @example
 * ```ts
 * import { isRetryable, RepositoryError } from "poolwise"
 *
 * isRetryable(new RepositoryError({ operation: "updateStatus", message: "Deadlock found", errno: 1213 })) // true
 * isRetryable(new RepositoryError({ operation: "updateStatus", message: "Duplicate entry", errno: 1062 })) // false
 * ```
 *
 * @since 0.1.0
 * @category classification
 */
export const isRetryable = (error: unknown): boolean => error instanceof RepositoryError && error.transient

/**
 * The schedule for a policy: it recurs only while the failure is
 * {@link isRetryable}, and calls `onRetry` each time it decides to retry.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { retrySchedule } from "poolwise"
 *
 * const schedule = retrySchedule({ times: 3, base: "100 millis", cap: "300 millis", jitter: false })
 * // delays 100, 200, 300 ms, then the failure is returned
 * const write = (attempt: Effect.Effect<void, unknown>) => Effect.retry(attempt, schedule)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const retrySchedule = (
  policy: RetryPolicy,
  onRetry: Effect.Effect<void> = Effect.void,
): Schedule.Schedule<unknown, unknown> => {
  const cap = Duration.decode(policy.cap)
  const backoff = Schedule.exponential(policy.base, 2)
  return (policy.jitter === false ? backoff : Schedule.jittered(backoff)).pipe(
    // Capped after the jitter, so the cap holds exactly.
    Schedule.modifyDelay((_, delay) => Duration.min(delay, cap)),
    Schedule.intersect(Schedule.recurs(policy.times)),
    Schedule.whileInput(isRetryable),
    Schedule.onDecision((_, decision) => ScheduleDecision.isContinue(decision) ? onRetry : Effect.void),
  )
}

/**
 * Checks a policy: `times` a whole number ≥ 0, `base` and `cap` finite and
 * not negative.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { validateRetryPolicy } from "poolwise"
 *
 * Effect.runSync(Effect.flip(validateRetryPolicy({ times: -1, base: "10 millis", cap: "1 second" })))
 * // InvalidOptionError: Invalid option "retry.times": expected a whole number ≥ 0, got -1
 * ```
 *
 * @since 0.1.0
 * @category validation
 */
export const validateRetryPolicy = (policy: RetryPolicy): Effect.Effect<RetryPolicy, InvalidOptionError> =>
  Effect.gen(function* () {
    if (!Number.isSafeInteger(policy.times) || policy.times < 0) {
      return yield* new InvalidOptionError({
        option: "retry.times",
        value: policy.times,
        reason: "expected a whole number ≥ 0",
      })
    }
    for (const [option, value] of [["retry.base", policy.base], ["retry.cap", policy.cap]] as const) {
      const duration = Duration.decodeUnknown(value)
      if (duration._tag === "None" || !Duration.isFinite(duration.value)) {
        return yield* new InvalidOptionError({ option, value, reason: "expected a finite duration" })
      }
    }
    return policy
  })
