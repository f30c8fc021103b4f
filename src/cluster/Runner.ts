/**
 * A runner: one process of the cluster, as one layer. It registers its
 * connections in the cluster's budget, joins the cluster (messages and shard
 * locks in tables of the shared database, a socket to the other runners),
 * works the pages of the shards it owns and, when the singleton lands on it,
 * hosts the coordinator that hands pages out. Stopping it (SIGTERM, Ctrl-C)
 * hands its shards to the others before it exits.
 *
 * @since 0.1.0
 */
import * as budget from "../internal/cluster/budget.ts"
import * as internal from "../internal/cluster/layerRunner.ts"

/**
 * How one runner process joins the cluster and works its pages: the shared
 * database, its address, its two pools (the job's and the cluster
 * storage's, at least 2), its supplier calls in flight, the budget.
 *
 * @since 0.1.0
 * @category models
 */
export type RunnerOptions = internal.RunnerOptions

/**
 * Everything a runner runs, as one layer: build it (e.g. `Layer.launch`) and
 * the process works pages until its scope closes. It needs the supplier. A
 * bad option (a port out of range, a cluster pool of 1) refuses it with an
 * `InvalidOptionError` before it connects to anything; a runner that would
 * pass the connection budget refuses with {@link BudgetExceeded}.
 *
 * @example
 * ```ts
 * import { Layer, Redacted } from "effect"
 * import { layerRunner } from "poolwise/cluster"
 * import { SupplierStatus } from "poolwise/sync"
 *
 * const Runner = layerRunner({
 *   url: Redacted.make("mysql://root@127.0.0.1:3306/test"),
 *   host: "127.0.0.1",
 *   port: 34431,
 *   pool: 2,
 *   concurrency: 20,
 * }).pipe(Layer.provide(SupplierStatus.layerSimulated()))
 * // Layer.launch(Runner) runs until interrupted.
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerRunner: typeof internal.layerRunner = internal.layerRunner

/**
 * The cluster timings a runner uses unless `RunnerOptions.sharding` says
 * otherwise. Effect's defaults let a dead runner's shards wait 35 s for their
 * lock to expire and poll for undelivered messages every 10 s; with these a
 * runner killed outright is replaced within about 6 s, and the takeover finds
 * its pages within a second.
 *
 * @since 0.1.0
 * @category defaults
 */
export const runnerShardingDefaults: typeof internal.runnerShardingDefaults = internal.runnerShardingDefaults

/**
 * A runner refused to start: what the registered runners hold, plus what it
 * would hold, plus 1 for the client, passes the cluster's connection budget
 * (`budget`, else the account's `max_user_connections`, else the server's
 * `max_connections`). The message shows the arithmetic and what to change.
 *
 * @since 0.1.0
 * @category errors
 */
export const BudgetExceeded: typeof budget.BudgetExceeded = budget.BudgetExceeded

/**
 * @since 0.1.0
 * @category errors
 */
export type BudgetExceeded = budget.BudgetExceeded
