/**
 * A runner: one process of the cluster. It registers in the connection
 * budget, joins the cluster (SQL storage for messages and shard locks, a
 * socket for the other runners), hosts `SyncPage` entities for the shards it
 * owns and, when the singleton lands on it, the coordinator. Stopping it
 * (SIGTERM, Ctrl-C) hands its shards to the others before it exits.
 *
 * @internal
 */
import { RunnerAddress, RunnerHealth, Runners, ShardingConfig, SocketRunner } from "@effect/cluster"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import { layerClientProtocol, layerSocketServer } from "@effect/platform-node/NodeClusterSocket"
import { RpcSerialization } from "@effect/rpc"
import { SqlClient } from "@effect/sql"
import { Duration, Effect, Layer, Option, type Redacted } from "effect"
import * as defaults from "../defaults.ts"
import { check, optional, port, positiveInteger, wholeNumber } from "../options/rules.ts"
import { migrate } from "../sql/migrations.ts"
import { layerBoundedMysql, layerMysql } from "../sql/mysqlClient.ts"
import { ProductRepository } from "../sync/ProductRepository.ts"
import type { RetryPolicy } from "../sync/retry.ts"
import { keepRegistrationFresh, registerRunner, serverBudget } from "./budget.ts"
import { ClusterRuns } from "./ClusterRuns.ts"
import { layerCoordinator } from "./coordinator.ts"
import { layerShardLeasesSql, sweepStaleSessions, watchStalls } from "./leases.ts"
import { StopRequests } from "./StopRequests.ts"
import { layerSyncPage } from "./SyncPage.ts"

/**
 * The cluster timings a runner uses unless told otherwise. Effect's defaults
 * let a dead runner's shards wait 35 s for their lock to expire and poll for
 * undelivered messages every 10 s; here a runner killed outright is replaced
 * within about 6 s, and the takeover finds its pages within a second.
 *
 * The shard locks are leases in a table (`shardLockDisableAdvisory`), not
 * MySQL's advisory locks: an advisory lock belongs to its connection, and a
 * runner that is frozen (or cut off by a path that drops packets) keeps its
 * connections open, so its shards would never move. A lease not refreshed
 * within `shardLockExpiration` is taken over whatever became of its holder,
 * and the holder is fenced when it comes back (leases.ts).
 */
export const runnerShardingDefaults = {
  shardLockDisableAdvisory: true,
  shardLockRefreshInterval: Duration.seconds(2),
  shardLockExpiration: Duration.seconds(6),
  entityMessagePollInterval: Duration.seconds(1),
  refreshAssignmentsInterval: Duration.seconds(1),
  runnerHealthCheckInterval: Duration.seconds(5),
  entityTerminationTimeout: Duration.seconds(10),
  // A page entity gets one message: idle once it answered, it is dropped after 5 s, not Effect's 1 minute, so a
  // runner does not keep a minute's worth of finished pages.
  entityMaxIdleTime: Duration.seconds(5),
} satisfies Partial<ShardingConfig.ShardingConfig["Type"]>

/** How one runner process joins the cluster and works its pages. */
export interface RunnerOptions {
  /** `mysql://…` of the database the runners share (the job's tables and the cluster's). */
  readonly url: Redacted.Redacted<string>
  /** Where the other runners reach this one. Another machine's runners need a name or address they can reach. */
  readonly host: string
  /** The port the other runners connect to (34431 in the CLI). */
  readonly port: number
  /** Interface to listen on; `host` by default (e.g. `0.0.0.0` behind NAT). */
  readonly listenHost?: string | undefined
  /** The job's pool: connections for reading ids and writing statuses. */
  readonly pool: number
  /** The cluster storage's pool; 2 by default, and at least 2: one connection stays reserved for shard locks. */
  readonly clusterPool?: number | undefined
  /** Supplier calls in flight on this runner, across its pages. */
  readonly concurrency: number
  /** The cluster's connection budget; the account's `max_user_connections` (else `max_connections`) by default. */
  readonly budget?: number | undefined
  /** Retries of transient database failures; the sync's default policy by default. */
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
 */
export const clusterPrefix = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const [row] = yield* sql<{ name: string | null }>`SELECT DATABASE() AS name`
  let hash = 0x811c9dc5
  for (const char of row?.name ?? "") hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
  return `cluster_${hash.toString(36)}`
})

/** A cluster pool of 1 hangs the runner at startup: the shard locks keep the only connection. */
const clusterPoolRule = wholeNumber({ min: 2 })

/** Every number the runner takes, checked before it connects to anything. */
const checked = (options: RunnerOptions) =>
  Effect.all({
    port: check(port, "port", options.port),
    pool: check(positiveInteger, "pool", options.pool),
    clusterPool: check(clusterPoolRule, "clusterPool", options.clusterPool ?? defaults.clusterPool),
    concurrency: check(positiveInteger, "concurrency", options.concurrency),
    budget: check(optional(positiveInteger), "budget", options.budget),
  })

type Settings = Effect.Effect.Success<ReturnType<typeof checked>>

/** The runner once its options are checked: budget, cluster membership, the page entity and the coordinator. */
const runnerOf = (options: RunnerOptions, settings: Settings) =>
  Layer.unwrapScoped(Effect.gen(function* () {
    const runner = `${options.host}:${settings.port}`
    yield* migrate
    const budget = settings.budget === undefined ? yield* serverBudget : { budget: settings.budget, source: "--budget" }
    const prefix = yield* clusterPrefix
    const connections = { runner, jobPool: settings.pool, clusterPool: settings.clusterPool }
    yield* registerRunner(connections, budget, prefix)
    // The job's pool, built here (after the registration) so that the runner's heartbeat and its sweep of stale
    // sessions run on it: the cluster storage's one shared connection can wait up to the server's lock wait behind a
    // stuck runner's open transaction, and so would they (the client would see no live runner, the sweep that frees
    // the rows would never run).
    const jobPool = yield* Layer.build(layerBoundedMysql({
      url: options.url,
      poolSize: settings.pool,
      serverWait: options.serverWait,
      lockWaitTimeout: defaults.lockWaitTimeout,
    }))
    const onJobPool = Effect.provide(jobPool)
    yield* Effect.forkScoped(onJobPool(keepRegistrationFresh(connections)))

    const timings = { ...runnerShardingDefaults, ...options.sharding }
    // Fenced only on leases: an advisory lock (shardLockDisableAdvisory: false) has no table to read.
    const leases = timings.shardLockDisableAdvisory
      ? layerShardLeasesSql({
        prefix,
        expiration: timings.shardLockExpiration,
        refreshInterval: timings.shardLockRefreshInterval,
      })
      : Layer.empty
    yield* Effect.forkScoped(watchStalls(runner, timings.shardLockExpiration))
    if (timings.shardLockDisableAdvisory) {
      yield* Effect.forkScoped(onJobPool(sweepStaleSessions({
        prefix,
        expiration: timings.shardLockExpiration,
        refreshInterval: timings.shardLockRefreshInterval,
        self: runner,
      })))
    }
    // Every setting explicit: Effect's ShardingConfig.layerFromEnv would also read HOST, PORT and friends.
    const config = ShardingConfig.layer({
      ...timings,
      runnerAddress: Option.some(RunnerAddress.make(options.host, settings.port)),
      runnerListenAddress: options.listenHost === undefined
        ? Option.none()
        : Option.some(RunnerAddress.make(options.listenHost, settings.port)),
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
    // The schema was migrated above, over the cluster pool.
    const jobStore = ProductRepository.layerSql({ lockWaitTimeout: defaults.lockWaitTimeout }).pipe(
      Layer.provide(Layer.succeedContext(jobPool)),
      Layer.orDie,
    )
    return Layer.mergeAll(
      layerSyncPage({ concurrency: settings.concurrency, retry: options.retry }).pipe(Layer.provide(leases)),
      layerCoordinator({ concurrency: settings.concurrency }),
    ).pipe(
      Layer.provide(StopRequests.layerPolling()),
      Layer.provide(sharding),
      Layer.provide(jobStore),
    )
  })).pipe(
    Layer.provide(ClusterRuns.layerSql),
    Layer.provide(
      layerMysql({ url: options.url, poolSize: settings.clusterPool, serverWait: options.serverWait }),
    ),
  )

/**
 * Everything a runner runs, as one layer: build it (e.g. `Layer.launch`) and
 * the process works pages until its scope closes. It needs the supplier. A
 * bad option refuses the runner before it connects to anything.
 */
export const layerRunner = (options: RunnerOptions) =>
  Layer.unwrapEffect(Effect.map(checked(options), (settings) => runnerOf(options, settings)))
