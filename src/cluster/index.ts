/**
 * `poolwise/cluster`: the sync job on several processes with
 * `@effect/cluster`. A runner is one layer (`layerRunner`); a client submits
 * a run and follows it to its report (`submitClusterSync`, over
 * `ClusterRuns`); one connection budget covers them all (`BudgetExceeded`);
 * `runnerTimeline` draws which page ran where. The page entity, the
 * coordinator, placement and the budget's bookkeeping are the runner's
 * inside, not part of this entry.
 *
 * @since 0.1.0
 */
export { ClusterRuns, type PageAttempt } from "./ClusterRuns.ts"
export { BudgetExceeded, layerRunner, type RunnerOptions, runnerShardingDefaults } from "./Runner.ts"
export { runnerLegend, type RunnerTimeline, runnerTimeline } from "./runnerTimeline.ts"
export { ClusterRunStalled, type ClusterSyncOptions, submitClusterSync } from "./submitClusterSync.ts"
