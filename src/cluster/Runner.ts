/**
 * A runner: one process of the cluster. It registers in the connection
 * budget, joins the cluster (SQL storage for messages and shard locks, a
 * socket for the other runners), hosts {@link SyncPage} entities for the
 * shards it owns and, when the singleton lands on it, the coordinator.
 * Stopping it (SIGTERM, Ctrl-C) hands its shards to the others before it exits.
 *
 * @since 0.3.0
 */
import { RunnerAddress, RunnerHealth, Runners, ShardingConfig, SocketRunner } from "@effect/cluster"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import { layerClientProtocol, layerSocketServer } from "@effect/platform-node/NodeClusterSocket"
import { RpcSerialization } from "@effect/rpc"
import { SqlClient } from "@effect/sql"
import { Duration, Effect, Layer, Option, type Redacted } from "effect"
import * as defaults from "../internal/defaults.ts"
import { layerMysql } from "../sql/layerMysql.ts"
import { migrate } from "../sql/migrate.ts"
import { InvalidOptionError, positiveInteger } from "../strategies/InvalidOptionError.ts"
import { ProductRepository } from "../sync/ProductRepository.ts"
import type { RetryPolicy } from "../sync/RetryPolicy.ts"
import { ClusterRuns } from "./ClusterRuns.ts"
import { layerCoordinator } from "./Coordinator.ts"
import { registerRunner, serverBudget } from "./RunnerBudget.ts"
import { StopRequests } from "./StopRequests.ts"
import { layerSyncPage } from "./SyncPage.ts"

/**
 * The cluster timings a runner uses unless told otherwise. Effect's defaults
 * let a dead runner's shards wait 35 s for their lock to expire and poll for
 * undelivered messages every 10 s; here a runner killed outright is replaced
 * within about 6 s, and the takeover finds its pages within a second.
 *
 * @since 0.3.0
 * @category defaults
 */
export const runnerShardingDefaults = {
  shardLockRefreshInterval: Duration.seconds(2),
  shardLockExpiration: Duration.seconds(6),
  entityMessagePollInterval: Duration.seconds(1),
  refreshAssignmentsInterval: Duration.seconds(1),
  runnerHealthCheckInterval: Duration.seconds(5),
  entityTerminationTimeout: Duration.seconds(10),
} satisfies Partial<ShardingConfig.ShardingConfig["Type"]>

/**
 * The cluster storage's pool when none is given: one connection stays
 * reserved for shard locks, the other carries messages and the bookkeeping.
 *
 * @since 0.3.0
 * @category defaults
 */
export const defaultClusterPool: number = defaults.clusterPool

/**
 * @since 0.3.0
 * @category models
 */
export interface RunnerOptions {
  /** `mysql://…` of the database the runners share (the job's tables and the cluster's). */
  readonly url: Redacted.Redacted<string>
  /** Where the other runners reach this one. Another machine's runners need a name or address they can reach. */
  readonly host: string
  readonly port: number
  /** Interface to listen on; `host` by default (e.g. `0.0.0.0` behind NAT). */
  readonly listenHost?: string | undefined
  /** The job's pool: connections for reading ids and writing statuses. */
  readonly pool: number
  /** The cluster storage's pool; at least 2 ({@link defaultClusterPool}). */
  readonly clusterPool?: number | undefined
  /** Supplier calls in flight on this runner, across its pages. */
  readonly concurrency: number
  /** The cluster's connection budget; the account's `max_user_connections` (else `max_connections`) by default. */
  readonly budget?: number | undefined
  readonly retry?: RetryPolicy | undefined
  /** How long the first connection waits for the server; the library's default (30 s). */
  readonly serverWait?: Duration.DurationInput | undefined
  /** Overrides of {@link runnerShardingDefaults} (and of Effect's other `ShardingConfig` fields). */
  readonly sharding?: Partial<ShardingConfig.ShardingConfig["Type"]> | undefined
}

/**
 * The prefix of the cluster's runner tables and shard locks for the current
 * database. MySQL's named locks (`GET_LOCK`) belong to the whole server, not
 * to a database, and `@effect/cluster` names a shard's lock after its prefix
 * and shard id only: two clusters on one server (a test database beside the
 * real one, a benchmark) would take each other's shard locks, and each would
 * leave some shards to the other, unpolled. A prefix per database keeps them apart.
 *
 * @since 0.3.0
 * @category setup
 */
export const clusterPrefix = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const [row] = yield* sql<{ name: string | null }>`SELECT DATABASE() AS name`
  let hash = 0x811c9dc5
  for (const char of row?.name ?? "") hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
  return `cluster_${hash.toString(36)}`
})

const checked = (options: RunnerOptions) =>
  Effect.gen(function* () {
    const clusterPool = options.clusterPool ?? defaultClusterPool
    if (!Number.isSafeInteger(clusterPool) || clusterPool < 2) {
      return yield* new InvalidOptionError({
        option: "clusterPool",
        value: clusterPool,
        reason: "expected a whole number ≥ 2: one connection stays reserved for shard locks, and a runner " +
          "with a single one hangs at startup",
      })
    }
    const port = options.port
    if (!Number.isSafeInteger(port) || port < 1 || port > 65535) {
      return yield* new InvalidOptionError({ option: "port", value: port, reason: "expected a port, 1 to 65535" })
    }
    return {
      clusterPool,
      pool: yield* positiveInteger("pool", options.pool),
      concurrency: yield* positiveInteger("concurrency", options.concurrency),
      budget: options.budget === undefined ? undefined : yield* positiveInteger("budget", options.budget),
    }
  })

/**
 * Everything a runner runs, as one layer: build it (e.g. `Layer.launch`) and
 * the process works pages until its scope closes. It needs the supplier.
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
 * ```
 *
 * @since 0.3.0
 * @category layers
 */
export const layerRunner = (options: RunnerOptions) =>
  Layer.unwrapScoped(Effect.gen(function* () {
    const settings = yield* checked(options)
    const runner = `${options.host}:${options.port}`
    yield* migrate
    const budget = settings.budget === undefined ? yield* serverBudget : { budget: settings.budget, source: "--budget" }
    const prefix = yield* clusterPrefix
    yield* registerRunner({ runner, jobPool: settings.pool, clusterPool: settings.clusterPool }, budget, prefix)

    // Every setting explicit: Effect's ShardingConfig.layerFromEnv would also read HOST, PORT and friends.
    const config = ShardingConfig.layer({
      ...runnerShardingDefaults,
      ...options.sharding,
      runnerAddress: Option.some(RunnerAddress.make(options.host, options.port)),
      runnerListenAddress: options.listenHost === undefined
        ? Option.none()
        : Option.some(RunnerAddress.make(options.listenHost, options.port)),
    })
    const sharding = SocketRunner.layer.pipe(
      Layer.provide([layerSocketServer, layerClientProtocol]),
      Layer.provide(RunnerHealth.layerPing.pipe(Layer.provide(Runners.layerRpc), Layer.provide(layerClientProtocol))),
      Layer.provideMerge(Layer.orDie(SqlMessageStorage.layer)),
      // Merged, not only provided: the coordinator reads the runners and the shard count to place pages.
      Layer.provideMerge(Layer.orDie(SqlRunnerStorage.layerWith({ prefix }))),
      Layer.provideMerge(config),
      Layer.provide(RpcSerialization.layerMsgPack),
    )
    const jobStore = ProductRepository.layerMysql({
      url: options.url,
      poolSize: settings.pool,
      serverWait: options.serverWait,
    })
    return Layer.mergeAll(
      layerSyncPage({ concurrency: settings.concurrency, retry: options.retry }),
      layerCoordinator({ concurrency: settings.concurrency }),
    ).pipe(
      Layer.provide(StopRequests.layer()),
      Layer.provide(sharding),
      Layer.provide(jobStore),
    )
  })).pipe(
    Layer.provide(ClusterRuns.layer),
    Layer.provide(
      layerMysql({
        url: options.url,
        poolSize: options.clusterPool ?? defaultClusterPool,
        serverWait: options.serverWait,
      }),
    ),
  )
