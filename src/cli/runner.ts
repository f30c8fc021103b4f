/**
 * `poolwise runner`: one process of the cluster (poolwise/cluster). It runs
 * until stopped; SIGTERM or Ctrl-C hands its shards to the other runners
 * before it exits.
 */
import { Command, Options } from "@effect/cli"
import { Config, Console, Effect, Layer, Logger, LogLevel, Option } from "effect"
import { layerRunner } from "../cluster/Runner.ts"
import { poolSize as defaultPoolSize } from "../internal/defaults.ts"
import { SupplierStatus } from "../sync/SupplierStatus.ts"
import * as defaults from "../internal/defaults.ts"
import { integerFlag } from "./flags.ts"
import { cliDefaults } from "./syncPlan.ts"

const defaultPort = defaults.runnerPort

export const runnerFlags = {
  databaseUrl: Options.redacted("database-url").pipe(
    Options.withPseudoName("URL"),
    Options.withDescription("mysql://user:password@host:port/database, shared by every runner. Else MYSQL_URL."),
    Options.withFallbackConfig(Config.redacted("MYSQL_URL")),
    Options.optional,
  ),
  host: Options.text("host").pipe(
    Options.withPseudoName("HOST"),
    Options.withDescription(
      "Where the other runners reach this one; on several machines, a name or address they can reach. " +
        "Default: 127.0.0.1.",
    ),
    Options.withDefault("127.0.0.1"),
  ),
  port: integerFlag("port", "Port for the other runners.", { min: 1, default: defaultPort }),
  listenHost: Options.text("listen-host").pipe(
    Options.withPseudoName("HOST"),
    Options.withDescription("Interface to listen on, when it differs from --host (e.g. 0.0.0.0). Default: --host."),
    Options.optional,
  ),
  pool: integerFlag("pool", "The job's connection pool on this runner.", { min: 1, default: defaultPoolSize }),
  clusterPool: integerFlag(
    "cluster-pool",
    "The cluster storage's own pool; at least 2 (one connection stays reserved for shard locks).",
    { min: 2, default: defaults.clusterPool },
  ),
  concurrency: integerFlag("concurrency", "Supplier calls in flight on this runner, across its pages.", {
    min: 1,
    default: cliDefaults.concurrency,
  }),
  supplierLatency: integerFlag("supplier-latency", "Mean latency of the simulated supplier per product, in ms.", {
    min: 1,
    default: cliDefaults.supplierLatencyMs,
  }),
  logLevel: Options.choice("log-level", ["error", "warning", "info", "debug"]).pipe(
    Options.withDescription("What the runner logs: the cluster's own messages included at debug. Default: info."),
    Options.withDefault("info" as const),
  ),
  budget: integerFlag(
    "budget",
    "The cluster's connection budget: every runner's --pool + --cluster-pool, plus 1 for the client. A runner " +
      "that would pass it refuses to start.",
    { min: 1, default: "the account's max_user_connections, else the server's max_connections" },
  ),
}

export const runnerCommand = Command.make("runner", runnerFlags, (flags) =>
  Effect.gen(function* () {
    if (Option.isNone(flags.databaseUrl)) {
      return yield* Effect.fail(
        new Error("a runner needs the shared database: pass --database-url mysql://… or set MYSQL_URL"),
      )
    }
    const port = Option.getOrElse(flags.port, () => defaultPort)
    const pool = Option.getOrElse(flags.pool, () => defaultPoolSize)
    const clusterPool = Option.getOrElse(flags.clusterPool, () => defaults.clusterPool)
    const concurrency = Option.getOrElse(flags.concurrency, () => cliDefaults.concurrency)
    const runner = layerRunner({
      url: flags.databaseUrl.value,
      host: flags.host,
      port,
      listenHost: Option.getOrUndefined(flags.listenHost),
      pool,
      clusterPool,
      concurrency,
      budget: Option.getOrUndefined(flags.budget),
    }).pipe(
      Layer.provide(SupplierStatus.layerSimulated({
        meanLatency: Option.getOrElse(flags.supplierLatency, () => cliDefaults.supplierLatencyMs),
      })),
    )
    const level = { error: LogLevel.Error, warning: LogLevel.Warning, info: LogLevel.Info, debug: LogLevel.Debug }
    yield* Effect.scoped(
      Effect.zipRight(
        Layer.build(runner),
        Effect.zipRight(
          Console.log(
            `runner ready at ${flags.host}:${port}: job pool ${pool}, cluster pool ${clusterPool}, ` +
              `${concurrency} supplier calls in flight`,
          ),
          Effect.never,
        ),
      ),
    ).pipe(Logger.withMinimumLogLevel(level[flags.logLevel]))
  })).pipe(
    Command.withDescription(
      "Start one runner of the cluster: it hosts pages of runs submitted with `sync --cluster`, and the " +
        "coordinator when the cluster places it here. Runs until SIGTERM or Ctrl-C, which hand its pages to the " +
        "other runners. Runners on other machines join by pointing at the same database.",
    ),
  )
