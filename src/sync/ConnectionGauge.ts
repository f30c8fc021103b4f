/**
 * Counts statements holding a pool connection, and the most at once.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Metric, MetricBoundaries, Ref } from "effect"

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

/**
 * Pool metrics. `connectionWait` is how long each statement waited for a pool
 * connection, in ms on Effect's clock: near 0 while the pool keeps up, and
 * the first number to grow when task concurrency outruns the pool size.
 *
 * @since 0.1.0
 * @category metrics
 */
export const PoolMetrics = {
  connectionWait: Metric.histogram(
    "poolwise_pool_connection_wait_ms",
    MetricBoundaries.exponential({ start: 1, factor: 2, count: 16 }),
    "Time a statement waited for a pool connection, in milliseconds",
  ),
} as const

/**
 * Runs `effect` holding one permit of `pool` (one connection), and records how
 * long it waited for the permit in {@link PoolMetrics}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { withPoolConnection } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const pool = yield* Effect.makeSemaphore(2)
 *   yield* withPoolConnection(pool, Effect.log("holding one of 2 connections"))
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const withPoolConnection = <A, E, R>(
  pool: Effect.Semaphore,
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, E, R> =>
  Effect.flatMap(Clock.currentTimeMillis, (asked) =>
    pool.withPermits(1)(
      Effect.zipRight(
        Effect.flatMap(Clock.currentTimeMillis, (got) => Metric.update(PoolMetrics.connectionWait, got - asked)),
        effect,
      ),
    ))
