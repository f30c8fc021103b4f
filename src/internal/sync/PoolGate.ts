/**
 * A pool's worth of connections as a gate: at most `size` statements hold one
 * at once, and the rest wait in line, first come first served. A release hands
 * its connection to the next in line directly, so waiting costs O(1) per
 * statement however long the line is (an Effect 3 `Semaphore` wakes every
 * waiter on each release: 2,000 waiters of 20 ms on 20 permits took 98 s,
 * against 2.3 s through this gate; see ../gate.ts). Waiting is interruptible,
 * and each wait is recorded in `PoolMetrics.connectionWait`.
 *
 * This is the first stop of every statement of both stores, but for the
 * row writes over the live stack's own pool: those wait in that pool's line
 * of the same size, which records the same wait (boundedClient.ts `runText`).
 *
 * @internal
 */
import { Effect, Metric } from "effect"
import { makeGate } from "../gate.ts"
import { check, type InvalidOptionError, positiveInteger } from "../options/rules.ts"
import { PoolMetrics } from "./PoolMetrics.ts"

/** The pool's connections as a first-come line. */
export interface PoolGate {
  /** Runs `effect` holding one connection, after waiting in line for it (the wait is recorded). */
  readonly withConnection: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** As `withConnection`, with the statement built by `start` once the connection is held: nothing of it waits. */
  readonly whenConnected: <A, E, R>(start: () => Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/** A {@link PoolGate} of `size` connections (a whole number ≥ 1, checked as `poolSize`). */
export const makePoolGate = (size: number): Effect.Effect<PoolGate, InvalidOptionError> =>
  Effect.map(check(positiveInteger, "poolSize", size), (permits) => {
    const gate = makeGate(permits)
    // The clock read twice around the wait, in steps of their own: no separate Clock effect each time.
    const whenConnected = <A, E, R>(start: () => Effect.Effect<A, E, R>) =>
      Effect.clockWith((clock) => {
        const asked = clock.unsafeCurrentTimeMillis()
        return gate.whenHeld(() =>
          Effect.zipRight(Metric.update(PoolMetrics.connectionWait, clock.unsafeCurrentTimeMillis() - asked), start())
        )
      })
    return { whenConnected, withConnection: (effect) => whenConnected(() => effect) }
  })
