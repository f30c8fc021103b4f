/**
 * The pool's metrics (documented in src/sync/PoolMetrics.ts).
 *
 * @internal
 */
import { Metric, MetricBoundaries } from "effect"

/** `connectionWait`: how long each statement waited for a pool connection, in ms on Effect's clock. */
export const PoolMetrics = {
  connectionWait: Metric.histogram(
    "poolwise_pool_connection_wait_ms",
    MetricBoundaries.exponential({ start: 1, factor: 2, count: 16 }),
    "Time a statement waited for a pool connection, in milliseconds",
  ),
} as const
