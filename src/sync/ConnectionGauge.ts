/**
 * Counts statements holding a pool connection, and the most at once.
 *
 * @since 0.1.0
 */
import { Effect, Ref } from "effect"

/**
 * How many connections this process had checked out: right now, and at most
 * since the last reset.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionStats {
  readonly inFlight: number
  readonly peakConnections: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectionGauge {
  /** Runs `effect` counted as one checked-out connection (released on any exit). */
  readonly track: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  readonly stats: Effect.Effect<ConnectionStats>
  /** Starts a new peak from what is in flight now. */
  readonly reset: Effect.Effect<void>
}

/**
 * A fresh gauge at zero.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makeConnectionGauge } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const gauge = yield* makeConnectionGauge
 *   yield* Effect.all([gauge.track(Effect.void), gauge.track(Effect.void)], { concurrency: 2 })
 *   return yield* gauge.stats // { inFlight: 0, peakConnections: 2 }
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
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
