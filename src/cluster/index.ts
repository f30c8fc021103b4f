/**
 * `poolwise/cluster`: the sync job on several processes with
 * `@effect/cluster`. Runners (`layerRunner`) host the page entity
 * (`SyncPage`) and the coordinator singleton; a client submits a run and
 * follows it (`submitClusterSync`); one connection budget covers them all.
 *
 * @since 0.3.0
 */
export * from "./ClusterRuns.ts"
export * from "./Coordinator.ts"
export * from "./dispatch.ts"
export * from "./Runner.ts"
export * from "./RunnerBudget.ts"
export * from "./placement.ts"
export * from "./StopRequests.ts"
export * from "./submitRun.ts"
export * from "./SyncPage.ts"
export * from "./timeline.ts"
