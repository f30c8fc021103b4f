/**
 * The product store's pool, measured.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/PoolMetrics.ts"

/**
 * Pool metrics. `connectionWait` (`poolwise_pool_connection_wait_ms`) is how
 * long each statement waited for a pool connection, in ms on Effect's clock:
 * near 0 while the pool keeps up, and the first number to grow when task
 * concurrency outruns the pool size. Both stores (SQL and simulated) record it.
 *
 * @example
 * ```ts
 * import { Effect, Metric } from "effect"
 * import { PoolMetrics } from "poolwise/sync"
 *
 * const waited = Effect.map(Metric.value(PoolMetrics.connectionWait), (state) => state.sum / state.count)
 * ```
 *
 * @since 0.1.0
 * @category metrics
 */
export const PoolMetrics: typeof internal.PoolMetrics = internal.PoolMetrics
