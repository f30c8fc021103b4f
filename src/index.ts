/**
 * `poolwise`: bounded concurrency with Effect. The runners (`pooled`,
 * `chunked`, `unbounded`) and their strategies, per-task timeouts, progress,
 * the timeline recorder and its renderers, and the error types.
 *
 * Importing it loads no SQL driver: the MySQL layer is `poolwise/sql`, the
 * product-status job `poolwise/sync`, the blog's fixtures `poolwise/fixtures`,
 * the TestClock helpers `poolwise/testing`.
 *
 * @since 0.1.0
 */
export * from "./strategies/InvalidOptionError.ts"
export * from "./strategies/Strategy.ts"
export * from "./strategies/Settled.ts"
export * from "./strategies/pooled.ts"
export * from "./strategies/chunked.ts"
export * from "./strategies/unbounded.ts"
export * from "./strategies/pooledStream.ts"
export * from "./strategies/timeout.ts"
export * from "./progress/Progress.ts"
export * from "./timeline/Timeline.ts"
export * from "./timeline/Recorder.ts"
export * from "./timeline/gantt.ts"
export * from "./timeline/svg.ts"
