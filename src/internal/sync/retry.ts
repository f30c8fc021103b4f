/**
 * The one retry policy, as one `Schedule` (documented in src/sync/RetryPolicy.ts).
 *
 * Each kind of failure (`mysqlFailureKind`) gets the treatment that fits it,
 * and each knob is independent:
 *
 * - a deadlock or a lock wait timeout (`contention`): after a jittered,
 *   capped exponential delay, up to `times`;
 * - "too many connections" (`refused`): the same delays, up to `refusedTimes`;
 * - a lost or refused connection (`connection`), when the schedule is given a
 *   `waitForServer` (the job's server gate) and `serverWait` is not zero:
 *   once the server answers again, at once; as often as the server goes away
 *   (each outage bounded by `serverWait`), but at most `times` when the server
 *   never stopped answering (the connection itself was killed). Without a
 *   gate, a lost connection is not retried;
 * - anything else: not retried.
 *
 * Like the nesting it replaces, a retry after a lost connection starts the
 * contention and refusal counts again.
 *
 * @internal
 */
import { Duration, Effect, Either, Random, Schedule, ScheduleDecision, ScheduleInterval } from "effect"
import * as defaults from "../defaults.ts"
import {
  boolean,
  check,
  finiteDuration,
  type InvalidOptionError,
  nonNegativeInteger,
  optional,
  refuse,
  type Rule,
} from "../options/rules.ts"
import { mysqlFailureKind } from "../sql/mysqlError.ts"

/** How to retry (see src/sync/RetryPolicy.ts for each field). */
export interface RetryPolicy {
  readonly times: number
  readonly base: Duration.DurationInput
  readonly cap: Duration.DurationInput
  readonly jitter?: boolean | undefined
  readonly refusedTimes?: number | undefined
  readonly serverWait?: Duration.DurationInput | undefined
}

/** A policy once checked, every default filled in. */
export interface CheckedRetryPolicy {
  readonly times: number
  readonly baseMillis: number
  readonly capMillis: number
  readonly jitter: boolean
  readonly refusedTimes: number
  readonly serverWait: Duration.Duration
}

/** 5 retries from 50 ms, jittered, capped at 2 s; "too many connections" twice; a server that went away 30 s. */
export const defaultRetryPolicy: RetryPolicy = {
  times: defaults.retryTimes,
  base: defaults.retryBase,
  cap: defaults.retryCap,
  refusedTimes: defaults.refusedTimes,
  serverWait: defaults.serverWait,
}

/** Every retry off: `times`, `refusedTimes` and `serverWait` all zero. */
export const noRetries: RetryPolicy = {
  times: 0,
  base: Duration.zero,
  cap: Duration.zero,
  refusedTimes: 0,
  serverWait: Duration.zero,
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined

/** The rule of a retry policy: each field checked under `<option>.<field>`. */
export const retryPolicy: Rule<CheckedRetryPolicy> = (option, value) => {
  if (typeof value !== "object" || value === null) {
    return refuse(option, value, "expected a retry policy { times, base, cap, … }")
  }
  const times = nonNegativeInteger(`${option}.times`, field(value, "times"))
  if (Either.isLeft(times)) return Either.left(times.left)
  const refusedTimes = optional(nonNegativeInteger)(`${option}.refusedTimes`, field(value, "refusedTimes"))
  if (Either.isLeft(refusedTimes)) return Either.left(refusedTimes.left)
  const base = finiteDuration(`${option}.base`, field(value, "base"))
  if (Either.isLeft(base)) return Either.left(base.left)
  const cap = finiteDuration(`${option}.cap`, field(value, "cap"))
  if (Either.isLeft(cap)) return Either.left(cap.left)
  const serverWait = optional(finiteDuration)(`${option}.serverWait`, field(value, "serverWait"))
  if (Either.isLeft(serverWait)) return Either.left(serverWait.left)
  const jitter = optional(boolean)(`${option}.jitter`, field(value, "jitter"))
  if (Either.isLeft(jitter)) return Either.left(jitter.left)
  return Either.right({
    times: times.right,
    baseMillis: Duration.toMillis(base.right),
    capMillis: Duration.toMillis(cap.right),
    jitter: jitter.right ?? true,
    refusedTimes: refusedTimes.right ?? defaults.refusedTimes,
    serverWait: serverWait.right ?? defaults.serverWait,
  })
}

/** {@link retryPolicy} as an Effect, under the option name `retry`. */
export const checkRetryPolicy = (policy: unknown): Effect.Effect<CheckedRetryPolicy, InvalidOptionError> =>
  check(retryPolicy, "retry", policy)

/**
 * The wait before retry number `attempt + 1` (`attempt` from 0): `base × 2^attempt`,
 * scaled by a random factor in [0.8, 1.2) unless `jitter: false`, then capped.
 */
export const retryDelay = (policy: CheckedRetryPolicy, attempt: number): Effect.Effect<number> => {
  const exponential = policy.baseMillis * 2 ** attempt
  return policy.jitter
    ? Effect.map(Random.nextRange(0.8, 1.2), (factor) => Math.min(exponential * factor, policy.capMillis))
    : Effect.succeed(Math.min(exponential, policy.capMillis))
}

/** What a schedule may use besides the policy: the job's server gate. */
export interface RetryHooks {
  /**
   * Waits until a server that stopped answering answers again: true after an
   * outage, false when it answered at once (the connection alone was lost).
   * Never returns when the server stays away longer than `serverWait`.
   */
  readonly waitForServer?: ((error: unknown) => Effect.Effect<boolean>) | undefined
}

interface Attempts {
  readonly contention: number
  readonly refused: number
  readonly lost: number
}

const stop = Effect.succeed([{ contention: 0, refused: 0, lost: 0 }, undefined, ScheduleDecision.done] as const)

/** The policy as a `Schedule` over failures (see the module docs). */
export const retryScheduleOf = (
  policy: CheckedRetryPolicy,
  hooks: RetryHooks = {},
): Schedule.Schedule<void, unknown> => {
  const waitForServer = Duration.isZero(policy.serverWait) ? undefined : hooks.waitForServer
  const after = (now: number, next: Attempts, delay: Effect.Effect<number>) =>
    Effect.map(
      delay,
      (millis) => [next, undefined, ScheduleDecision.continueWith(ScheduleInterval.after(now + millis))] as const,
    )
  return Schedule.makeWithState<Attempts, unknown, void>(
    { contention: 0, refused: 0, lost: 0 },
    (now, error, attempts) => {
      switch (mysqlFailureKind(error)) {
        case "contention":
          return attempts.contention >= policy.times ? stop : after(
            now,
            { ...attempts, contention: attempts.contention + 1 },
            retryDelay(policy, attempts.contention),
          )
        case "refused":
          return attempts.refused >= policy.refusedTimes ? stop : after(
            now,
            { ...attempts, refused: attempts.refused + 1 },
            retryDelay(policy, attempts.refused),
          )
        case "connection":
          return waitForServer === undefined ? stop : Effect.flatMap(waitForServer(error), (wasDown) => {
            const lost = wasDown ? attempts.lost : attempts.lost + 1
            return lost > policy.times ? stop : after(now, { contention: 0, refused: 0, lost }, Effect.succeed(0))
          })
        default:
          return stop
      }
    },
  )
}

/** The policy checked, then as a `Schedule` with no server gate: for statements of one's own. */
export const retrySchedule = (
  policy: RetryPolicy,
): Effect.Effect<Schedule.Schedule<void, unknown>, InvalidOptionError> =>
  Effect.map(checkRetryPolicy(policy), (checked) => retryScheduleOf(checked))

/**
 * Runs `statement`; if it fails, runs it again through `Effect.retry` with
 * `schedule`, the first failure fed to the schedule as its first input.
 * `Effect.retry` builds a schedule driver each time it starts, so starting it
 * only after a failure keeps a statement that succeeds at once at the cost of
 * one handler. `onRetry` runs before each new attempt; `onFailure`, if given,
 * sees every failure (the first one included) before the schedule does.
 */
export const retrying = (
  schedule: Schedule.Schedule<void, unknown>,
  onRetry: Effect.Effect<void> = Effect.void,
  onFailure?: (error: unknown) => Effect.Effect<void>,
) =>
<A, E, R>(statement: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.catchAll(statement, (first) => {
    let replayed = false
    const attempt = onFailure === undefined ? statement : Effect.tapError(statement, onFailure)
    const again = Effect.retry(
      Effect.suspend(() => {
        if (replayed) return Effect.zipRight(onRetry, attempt)
        replayed = true
        return Effect.fail(first)
      }),
      schedule,
    )
    return onFailure === undefined ? again : Effect.zipRight(onFailure(first), again)
  })

/** `statement` retried by a checked policy, with no server gate (lost connections are not retried). */
export const retried = (policy: CheckedRetryPolicy) => retrying(retryScheduleOf(policy))

/** `statement` retried by {@link defaultRetryPolicy}, with no server gate: for bookkeeping statements. */
export const retriedByDefault: <A, E, R>(statement: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R> = retried(
  Either.getOrThrow(retryPolicy("retry", defaultRetryPolicy)),
)
