/**
 * Counts statements holding a pool connection, and the most at once: what a
 * report's `peakConnections` and `StoreConnections.stats` read.
 *
 * @internal
 */
import { Effect, Ref } from "effect"
import type { ConnectionStats } from "./store.ts"

/** A counter of checked-out connections. */
export interface ConnectionGauge {
  /** Runs `effect` counted as one checked-out connection (released on any exit). */
  readonly track: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  readonly stats: Effect.Effect<ConnectionStats>
  /** Starts a new peak from what is in flight now. */
  readonly reset: Effect.Effect<void>
}

/** A fresh gauge at zero. */
export const makeConnectionGauge: Effect.Effect<ConnectionGauge> = Effect.map(
  Ref.make<ConnectionStats>({ inFlight: 0, peakConnections: 0 }),
  (state) => ({
    track: (effect) =>
      Effect.acquireUseRelease(
        Ref.update(
          state,
          (s) => ({ inFlight: s.inFlight + 1, peakConnections: Math.max(s.peakConnections, s.inFlight + 1) }),
        ),
        () => effect,
        () => Ref.update(state, (s) => ({ ...s, inFlight: s.inFlight - 1 })),
      ),
    stats: Ref.get(state),
    reset: Ref.update(state, (s) => ({ ...s, peakConnections: s.inFlight })),
  }),
)
