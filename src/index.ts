/**
 * `poolwise`: bounded concurrency with Effect. The runners (`pooled`,
 * `chunked`, `unbounded`, one face over arrays, iterables, async iterables
 * and streams) and their strategies as values, per-task timeouts, progress,
 * and the errors.
 *
 * Importing it loads no SQL driver: the MySQL layer is `poolwise/sql`, the
 * product-status job `poolwise/sync`, the recorder and its pictures
 * `poolwise/timeline`, the TestClock helpers `poolwise/testing`, the blog's
 * fixtures `poolwise/fixtures`.
 *
 * @since 0.1.0
 */
export { InvalidOptionError } from "./options/InvalidOptionError.ts"
export type {
  ChunkedOptions,
  ErrorMode,
  Input,
  ItemOf,
  PooledOptions,
  Runner,
  RunOptions,
  RunResult,
  Task,
  UnboundedOptions,
} from "./strategies/Runner.ts"
export type { Strategy } from "./strategies/Strategy.ts"
export { type NotRunReason, type Settled, successes, type TaskFailure, TaskNotRun } from "./strategies/Settled.ts"
export { pooled, pooledStrategy } from "./strategies/pooled.ts"
export { chunked, chunkedStrategy } from "./strategies/chunked.ts"
export { unbounded, unboundedStrategy } from "./strategies/unbounded.ts"
export type { AdaptiveLimit, AdaptiveOptions, LimitChange, LiveLimit, RateOptions } from "./limits/Limit.ts"
export { adaptive, liveLimit, overloaded } from "./limits/limits.ts"
export { TaskTimeoutError, withTaskTimeout } from "./strategies/timeout.ts"
export type { Progress, ProgressSnapshot } from "./progress/Progress.ts"
export { makeProgress, ProgressMetrics } from "./progress/makeProgress.ts"
