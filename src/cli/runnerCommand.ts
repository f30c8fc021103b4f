/**
 * `poolwise runner`, declared: its flags, and a handler that loads the
 * cluster (runner.ts) once they were accepted. What it logs is set by
 * `--log-level`, which every command takes.
 */
import { Command, Options } from "@effect/cli"
import { Config, Effect, Option } from "effect"
import * as defaults from "../internal/defaults.ts"
import { port, positiveInteger, wholeNumber } from "../internal/options/rules.ts"
import { logLevelFlag, numberFlag, withLogLevel } from "./flags.ts"

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
  port: numberFlag("port", port, "Port for the other runners.", { default: defaults.runnerPort }),
  listenHost: Options.text("listen-host").pipe(
    Options.withPseudoName("HOST"),
    Options.withDescription("Interface to listen on, when it differs from --host (e.g. 0.0.0.0). Default: --host."),
    Options.optional,
  ),
  pool: numberFlag("pool", positiveInteger, "The job's connection pool on this runner.", {
    default: defaults.poolSize,
  }),
  clusterPool: numberFlag(
    "cluster-pool",
    wholeNumber({ min: 2 }),
    "The cluster storage's own pool; one connection stays reserved for shard locks.",
    { default: defaults.clusterPool },
  ),
  concurrency: numberFlag(
    "concurrency",
    positiveInteger,
    "Supplier calls in flight on this runner, across its pages.",
    {
      default: defaults.cli.concurrency,
    },
  ),
  supplierLatency: numberFlag(
    "supplier-latency",
    positiveInteger,
    "Mean latency of the simulated supplier per product, in ms.",
    { default: defaults.cli.supplierLatencyMs },
  ),
  budget: numberFlag(
    "budget",
    positiveInteger,
    "The cluster's connection budget: every runner's --pool + --cluster-pool, plus 1 for the client. A runner " +
      "that would pass it refuses to start.",
    { default: "the account's max_user_connections, else the server's max_connections" },
  ),
  logLevel: logLevelFlag,
}

export const runnerCommand = Command.make("runner", runnerFlags, (flags) =>
  Effect.gen(function* () {
    if (Option.isNone(flags.databaseUrl)) {
      // Exit code 1, not 2: the flags are fine, the shared database is missing (MYSQL_URL may give it).
      return yield* Effect.fail(
        new Error("a runner needs the shared database: pass --database-url mysql://… or set MYSQL_URL"),
      )
    }
    const runner = yield* Effect.promise(() => import("./runner.ts"))
    return yield* runner.startRunner({
      url: flags.databaseUrl.value,
      host: flags.host,
      port: Option.getOrElse(flags.port, () => defaults.runnerPort),
      listenHost: Option.getOrUndefined(flags.listenHost),
      pool: Option.getOrElse(flags.pool, () => defaults.poolSize),
      clusterPool: Option.getOrElse(flags.clusterPool, () => defaults.clusterPool),
      concurrency: Option.getOrElse(flags.concurrency, () => defaults.cli.concurrency),
      supplierLatencyMs: Option.getOrElse(flags.supplierLatency, () => defaults.cli.supplierLatencyMs),
      budget: Option.getOrUndefined(flags.budget),
    })
  }).pipe(withLogLevel(flags.logLevel))).pipe(
    Command.withDescription(
      "Start one runner of the cluster: it hosts pages of runs submitted with `sync --cluster`, and the " +
        "coordinator when the cluster places it here. Runs until SIGTERM or Ctrl-C, which hand its pages to the " +
        "other runners; it then exits 0 (1 if the hand-over failed). Runners on other machines join by pointing at the same database.",
    ),
  )
