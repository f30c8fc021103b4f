/**
 * poolwise: bounded concurrency with Effect.
 *
 * @since 0.1.0
 */
export * from "./strategies/InvalidOptionError.ts"
export * from "./strategies/Strategy.ts"
export * from "./strategies/Settled.ts"
export * from "./strategies/pooled.ts"
export * from "./strategies/chunked.ts"
export * from "./strategies/unbounded.ts"
export * from "./timeline/Timeline.ts"
export * from "./timeline/Recorder.ts"
export * from "./timeline/gantt.ts"
export * from "./timeline/svg.ts"
export * from "./seed/users.ts"
export * from "./sql/index.ts"
export * from "./sync/index.ts"
export * from "./strategies/timeout.ts"
export * from "./progress/Progress.ts"
