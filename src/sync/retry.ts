/**
 * Retrying the failures a second attempt can fix, and only those, on by
 * default.
 *
 * Each kind of failure (see `MysqlFailureKind` in poolwise/sql) gets the
 * treatment that fits it:
 *
 * - a deadlock or a lock wait timeout: retried with jittered, capped
 *   exponential backoff, up to `times`;
 * - a lost or refused connection: the server is away (a crash, a restart, a
 *   failover) or killed the connection. The job pauses every worker and waits
 *   for the server to answer again, for at most `serverWait`, then retries;
 * - "too many connections": retried at most `refusedTimes` times, briefly.
 *   Hammering an overloaded server is how the incident began, so a job whose
 *   pool is larger than the server allows still ends with the server's
 *   refusals in its report;
 * - anything else (a constraint, bad data, a syntax error): reported at once.
 *
 * Every write the sync job makes is conditional on its run id, so running a
 * statement again after a lost reply never writes a row twice.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Random, Schedule, ScheduleDecision } from "effect"
import * as defaults from "../internal/defaults.ts"
import { InvalidOptionError } from "../strategies/InvalidOptionError.ts"
import { RepositoryError } from "./RepositoryError.ts"

/**
 * How to retry.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicy {
  /** Retries of a deadlock or lock wait timeout after the first attempt: a whole number ≥ 0; 0 turns every retry off. */
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
  /** Retries of "too many connections" (1040, 1203, 1226); 2 by default. */
  readonly refusedTimes?: number | undefined
  /**
   * How long the job waits for a server that stopped answering (lost or
   * refused connections) before it stops with a report that `resume`
   * completes; 30 s by default. Zero: report such failures at once.
   */
  readonly serverWait?: Duration.DurationInput | undefined
}

/**
 * The default policy: 5 retries from 50 ms, jittered, capped at 2 s (about
 * 1.5 s of waiting before an item is given up); "too many connections"
 * retried twice; a server that went away waited for up to 30 s.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultRetryPolicy: RetryPolicy = {
  times: defaults.retryTimes,
  base: defaults.retryBase,
  cap: defaults.retryCap,
  refusedTimes: defaults.refusedTimes,
  serverWait: defaults.serverWait,
}

/**
 * No retries at all: every failure is reported as it happens, and a server
 * that stops answering stops the run at once.
 *
 * @since 0.1.0
 * @category defaults
 */
export const noRetries: RetryPolicy = {
  times: 0,
  base: Duration.zero,
  cap: Duration.zero,
  refusedTimes: 0,
  serverWait: Duration.zero,
}

/**
 * Whether `error` is worth another attempt: a {@link RepositoryError} of any
 * kind but `"permanent"`.
 *
 * @example
 * ```ts
 * import { isRetryable, RepositoryError } from "poolwise/sync"
 *
 * isRetryable(new RepositoryError({ operation: "updateStatus", message: "Deadlock found", errno: 1213 })) // true
 * isRetryable(new RepositoryError({ operation: "updateStatus", message: "Duplicate entry", errno: 1062 })) // false
 * ```
 *
 * @since 0.1.0
 * @category classification
 */
export const isRetryable = (error: unknown): boolean => error instanceof RepositoryError && error.transient

const kindOf = (error: unknown) => error instanceof RepositoryError ? error.kind : "permanent"

/**
 * The wait before retry number `attempt + 1` (`attempt` from 0): `base × 2^attempt`,
 * scaled by a random factor in [0.8, 1.2) unless `jitter: false`, then capped.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { retryDelay, type RetryPolicy } from "poolwise/sync"
 *
 * const policy: RetryPolicy = { times: 5, base: "100 millis", cap: "300 millis", jitter: false }
 * Effect.runSync(retryDelay(policy, 2)) // 300 millis: 400, capped
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const retryDelay = (policy: RetryPolicy, attempt: number): Effect.Effect<Duration.Duration> => {
  const exponential = Duration.toMillis(policy.base) * 2 ** attempt
  const capped = (millis: number) => Duration.millis(Math.min(millis, Duration.toMillis(policy.cap)))
  return policy.jitter === false
    ? Effect.succeed(capped(exponential))
    : Effect.map(Random.nextRange(0.8, 1.2), (factor) => capped(exponential * factor))
}

/**
 * Runs `statement`, and again after {@link retryDelay} while it fails with a
 * deadlock or lock wait timeout (up to `times`) or with "too many
 * connections" (up to `refusedTimes`). Unlike `Effect.retry` with a
 * schedule, it builds no schedule driver per statement: a statement that
 * succeeds at once costs one handler.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { defaultRetryPolicy, withRetries } from "poolwise/sync"
 *
 * const write = (statement: Effect.Effect<void, unknown>) => withRetries(defaultRetryPolicy, statement)
 * ```
 *
 * @since 0.2.0
 * @category combinators
 */
export const withRetries = <A, E>(
  policy: RetryPolicy,
  statement: Effect.Effect<A, E>,
  onRetry: Effect.Effect<void> = Effect.void,
): Effect.Effect<A, E> => {
  const refusedTimes = policy.times === 0 ? 0 : policy.refusedTimes ?? defaults.refusedTimes
  const attempt = (contention: number, refused: number): Effect.Effect<A, E> =>
    Effect.catchIf(
      statement,
      (error) => {
        const kind = kindOf(error)
        return kind === "contention" ? contention < policy.times : kind === "refused" && refused < refusedTimes
      },
      (error) => {
        const isContention = kindOf(error) === "contention"
        const n = isContention ? contention : refused
        return retryDelay(policy, n).pipe(
          Effect.flatMap(Effect.sleep),
          Effect.zipRight(onRetry),
          Effect.zipRight(isContention ? attempt(contention + 1, refused) : attempt(contention, refused + 1)),
        )
      },
    )
  return attempt(0, 0)
}

/**
 * The same backoff as a `Schedule`, for your own statements with
 * `Effect.retry`: it recurs while the failure is a deadlock or a lock wait
 * timeout, at most `times`, after {@link retryDelay}, and calls `onRetry` each
 * time. (The job itself uses {@link withRetries}, which also handles "too many
 * connections", and waits out a server that went away.)
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { retrySchedule } from "poolwise/sync"
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
): Schedule.Schedule<unknown, unknown> =>
  Schedule.forever.pipe(
    Schedule.addDelayEffect((attempt) => retryDelay(policy, attempt)),
    Schedule.intersect(Schedule.recurs(policy.times)),
    Schedule.whileInput((error) => kindOf(error) === "contention"),
    Schedule.onDecision((_, decision) => ScheduleDecision.isContinue(decision) ? onRetry : Effect.void),
  )

/**
 * How long a policy waits for a server that went away (0 when retries are off).
 *
 * @since 0.2.0
 * @category getters
 */
export const serverWaitOf = (policy: RetryPolicy): Duration.Duration =>
  policy.times === 0 ? Duration.zero : Duration.decode(policy.serverWait ?? defaults.serverWait)

const wholeNumber = (option: string, value: unknown) =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? Effect.void
    : Effect.fail(new InvalidOptionError({ option, value, reason: "expected a whole number ≥ 0" }))

const finiteDuration = (option: string, value: unknown) => {
  const duration = Duration.decodeUnknown(value)
  return duration._tag === "Some" && Duration.isFinite(duration.value)
    ? Effect.void
    : Effect.fail(new InvalidOptionError({ option, value, reason: "expected a finite duration" }))
}

/**
 * Checks a policy: `times` and `refusedTimes` whole numbers ≥ 0, `base`,
 * `cap` and `serverWait` finite durations.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { validateRetryPolicy } from "poolwise/sync"
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
    yield* wholeNumber("retry.times", policy.times)
    if (policy.refusedTimes !== undefined) yield* wholeNumber("retry.refusedTimes", policy.refusedTimes)
    yield* finiteDuration("retry.base", policy.base)
    yield* finiteDuration("retry.cap", policy.cap)
    if (policy.serverWait !== undefined) yield* finiteDuration("retry.serverWait", policy.serverWait)
    return policy
  })
