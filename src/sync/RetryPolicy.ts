/**
 * Retrying the failures a second attempt can fix, and only those, on by
 * default: one policy, run as one `Schedule` through `Effect.retry`.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/retry.ts"

/**
 * How to retry. Each kind of failure (`mysqlFailureKind` in poolwise/sql) has
 * its own knob, and each knob is independent of the others:
 *
 * - `times` (a whole number ≥ 0): retries of a deadlock or a lock wait
 *   timeout (`contention`), and of a connection lost while the server still
 *   answers (a killed connection). `0` turns only these off.
 * - `base`, `cap`: the first delay, doubled each time, never above `cap`;
 *   scaled by a random factor in [0.8, 1.2) unless `jitter: false`, so
 *   clients refused at the same moment do not all come back at once.
 * - `refusedTimes` (2 by default): retries of "too many connections" (1040,
 *   1203, 1226), with the same delays. Few on purpose: hammering an
 *   overloaded server is how the incident began.
 * - `serverWait` (30 s by default): how long the job waits for a server that
 *   stopped answering (a crash, a restart, a failover). Every worker pauses,
 *   one connection probes the server, and the statements run again once it
 *   answers; after `serverWait` the run stops with a report that `resume`
 *   completes. Zero: such failures are reported at once.
 *
 * Anything else (a constraint, bad data, a syntax error) is reported at once.
 * Every write of the job is conditional on its run id, so running a statement
 * again after a lost reply never writes a row twice. Every field is checked
 * before the run starts. {@link noRetries} turns every retry off.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryPolicy = internal.RetryPolicy

/**
 * The default policy: 5 retries from 50 ms, jittered, capped at 2 s (about
 * 1.5 s of waiting before an item is given up); "too many connections"
 * retried twice; a server that went away waited for up to 30 s.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultRetryPolicy: RetryPolicy = internal.defaultRetryPolicy

/**
 * No retries at all (`times`, `refusedTimes` and `serverWait` all zero):
 * every failure is reported as it happens, and a server that stops answering
 * stops the run at once.
 *
 * @since 0.1.0
 * @category defaults
 */
export const noRetries: RetryPolicy = internal.noRetries

/**
 * The policy as a `Schedule`, for your own statements with `Effect.retry`:
 * it recurs after a deadlock or a lock wait timeout (up to `times`) and after
 * "too many connections" (up to `refusedTimes`), after the policy's delays.
 * (A lost connection needs the job's server gate, which pauses every worker
 * until the server answers: the job adds it; here it is not retried.) The
 * policy is checked first: a bad one is an `InvalidOptionError`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { retrySchedule } from "poolwise/sync"
 *
 * // delays 100, 200, 300 ms for deadlocks, then the failure is returned
 * const withRetries = <A, E>(statement: Effect.Effect<A, E>) =>
 *   Effect.flatMap(
 *     retrySchedule({ times: 3, base: "100 millis", cap: "300 millis", jitter: false }),
 *     (schedule) => Effect.retry(statement, schedule)
 *   )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const retrySchedule: typeof internal.retrySchedule = internal.retrySchedule
