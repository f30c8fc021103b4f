/**
 * The bookkeeping of runs split across runners, in the job's own database:
 * each run and its pages, where each page ran (its attempts), the stop a
 * client asks for, and the final report. A client needs it to submit a run
 * (`ClusterRuns.layerSql` over a `SqlClient`); its `attempts` are what
 * `runnerTimeline` draws.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/cluster/ClusterRuns.ts"
import type * as records from "../internal/cluster/records.ts"

/**
 * The service: `layerSql` over the `SqlClient` in context (MySQL/MariaDB, the
 * tables of the kit's migrations), and `layerMemory` for tests only (nothing
 * persists, a runner always counts as alive).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClusterRuns } from "poolwise/cluster"
 *
 * // Which runner ran which page of a run, in the order they started.
 * const attempts = Effect.flatMap(ClusterRuns, (runs) => runs.attempts("run-1")).pipe(
 *   Effect.provide(ClusterRuns.layerMemory)
 * )
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export const ClusterRuns: typeof internal.ClusterRuns = internal.ClusterRuns

/**
 * @since 0.1.0
 * @category services
 */
export type ClusterRuns = internal.ClusterRuns

/**
 * One time a runner took up a page. `endedAt` stays null when the runner died
 * (or was stopped) before the page was done: the page then ran again
 * elsewhere.
 *
 * @since 0.1.0
 * @category models
 */
export type PageAttempt = records.PageAttempt
