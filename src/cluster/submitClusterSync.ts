/**
 * The client's side of a run on the cluster: record it, then follow it to its
 * report. The client never joins the cluster; it talks to the database only
 * (one connection), so it can run anywhere the database is reachable.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/cluster/submitClusterSync.ts"

/**
 * A run for the cluster (products 1..`products` in pages of `pageSize`: by
 * default 25, or larger so that the run has at most 400 pages), and how the client follows it: progress, a stop signal, how often
 * it polls, and how long it waits for runners (15 s) or for a stopped run's
 * partial report (30 s).
 *
 * @since 0.1.0
 * @category models
 */
export type ClusterSyncOptions = internal.ClusterSyncOptions

/**
 * Submits a run to the cluster and follows it to its report: the same
 * `SyncReport` as a local run, `updated + failed + alreadySynced === products`.
 * It needs `ClusterRuns` (`ClusterRuns.layerSql` over the runners' database,
 * migrated) and runners to do the work. A bad option refuses the run before
 * it is recorded. With `resume: runId` it completes that earlier cluster run
 * instead (the products it did not write; `InvalidOptionError` naming
 * `resume` when no cluster run has that id).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClusterRuns, submitClusterSync } from "poolwise/cluster"
 *
 * // Still needs a SqlClient on the runners' database, migrated: poolwise/sql's layer and `migrate`.
 * const report = submitClusterSync({ products: 2000, pageSize: 25 }).pipe(Effect.provide(ClusterRuns.layerSql))
 * ```
 *
 * @since 0.1.0
 * @category client
 */
export const submitClusterSync: typeof internal.submitClusterSync = internal.submitClusterSync

/**
 * The client gave up on a run: no runner has been alive for
 * `noRunnerTimeout` (the run stays recorded, and the first runner to start
 * picks it up), or, after a stop, no runner stored the partial report within
 * `stopTimeout`.
 *
 * @since 0.1.0
 * @category errors
 */
export const ClusterRunStalled: typeof internal.ClusterRunStalled = internal.ClusterRunStalled

/**
 * @since 0.1.0
 * @category errors
 */
export type ClusterRunStalled = internal.ClusterRunStalled
