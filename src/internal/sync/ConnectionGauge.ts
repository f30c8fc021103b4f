/**
 * Counts statements holding a pool connection, and the most at once: what a
 * report's `peakConnections` and `StoreConnections.stats` read.
 *
 * Two numbers changed in place (one JS thread: no `Ref` needed), so counting
 * a statement costs one step on each side of it.
 *
 * @internal
 */
import { Effect } from "effect"
import type { ConnectionStats } from "./Store.ts"

/** A counter of checked-out connections. */
export interface ConnectionGauge {
  /** Runs `effect` counted as one checked-out connection (released on any exit). */
  readonly track: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Counts one connection checked out, for a caller already inside an uninterruptible region; undo with `leave`. */
  readonly enter: () => void
  readonly leave: () => void
  readonly stats: Effect.Effect<ConnectionStats>
  /** Starts a new peak from what is in flight now. */
  readonly reset: Effect.Effect<void>
}

/** A fresh gauge at zero. */
export const makeConnectionGauge: Effect.Effect<ConnectionGauge> = Effect.sync(() => {
  let inFlight = 0
  let peakConnections = 0
  const enter = () => {
    inFlight++
    if (inFlight > peakConnections) peakConnections = inFlight
  }
  const leaveNow = () => void inFlight--
  const leave = Effect.sync(leaveNow)
  return {
    // Counted and released in the same uninterruptible region: an interrupt cannot fall between the two.
    track: (effect) =>
      Effect.uninterruptibleMask((restore) => {
        enter()
        return Effect.ensuring(restore(effect), leave)
      }),
    enter,
    leave: leaveNow,
    stats: Effect.sync(() => ({ inFlight, peakConnections })),
    reset: Effect.sync(() => void (peakConnections = inFlight)),
  }
})
