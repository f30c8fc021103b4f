/**
 * `poolwise sync`'s flags, and the plan they make: what to run, with every
 * default filled in. The defaults that belong to the library (pool size,
 * batch size, retries, how long to wait for the server, the simulated
 * server's `max_connections`) are read from it, never repeated here.
 */
import { Options } from "@effect/cli"
import { Config, Duration, Option, type Redacted } from "effect"
import {
  batchSize as defaultBatchSize,
  poolSize as defaultPoolSize,
  serverWait as defaultServerWait,
  simulatedMaxConnections as defaultSimulatedMaxConnections,
} from "../internal/defaults.ts"
import { defaultRetryPolicy } from "../sync/RetryPolicy.ts"
import * as defaults from "../internal/defaults.ts"
import { integerFlag } from "./flags.ts"

/** The CLI's own choices: a run that shows the point in a couple of seconds. */
export const cliDefaults = defaults.cli

/** What a sync run was asked to do, after the flags were read. */
export interface SyncPlan {
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly products: number
  readonly strategy: "pooled" | "chunked" | "unbounded" | "bulk"
  readonly concurrency: number
  readonly chunkSize: number
  /** Rows per write statement for bulk. */
  readonly batchSize: number
  /** Unbounded's default is one connection per product: the incident's pool. */
  readonly pool: number
  readonly supplierLatencyMs: number
  readonly serverMaxConnections: number
  /** Retries per statement after a transient failure; 0 turns retrying (and waiting for the server) off. */
  readonly retries: number
  /** How long to wait for a server that stopped answering, at startup and during the run. */
  readonly serverWait: Duration.Duration
  readonly json: boolean
  /** Continue the last incomplete run instead of starting a new one. */
  readonly resume: boolean
  /** Write every failed product to this file, one JSON object per line. */
  readonly failuresFile: Option.Option<string>
  /** Submit the run to the runners (`poolwise runner`) instead of running it here. */
  readonly cluster: boolean
  /** Products per page of a cluster run. */
  readonly pageSize: number
}

export const syncFlags = {
  databaseUrl: Options.redacted("database-url").pipe(
    Options.withPseudoName("URL"),
    Options.withDescription(
      "mysql://user:password@host:port/database. Else MYSQL_URL; with neither, the embedded simulated database.",
    ),
    Options.withFallbackConfig(Config.redacted("MYSQL_URL")),
    Options.optional,
  ),
  products: integerFlag("products", "Sync products 1..N, inserting any missing.", {
    min: 1,
    default: cliDefaults.products,
  }),
  strategy: Options.choice("strategy", ["pooled", "chunked", "unbounded", "bulk"]).pipe(
    Options.withDescription(
      "pooled (the fix), chunked (Promise.all per chunk), unbounded (the incident), or bulk (pooled fetches, " +
        "multi-row writes). Default: pooled.",
    ),
    Options.withDefault("pooled" as const),
  ),
  concurrency: integerFlag("concurrency", "Tasks in flight for pooled and bulk.", {
    min: 1,
    default: cliDefaults.concurrency,
  }),
  chunkSize: integerFlag("chunk-size", "Items per chunk for chunked.", { min: 1, default: "the concurrency" }),
  batchSize: integerFlag("batch-size", "Rows per write statement for bulk.", { min: 1, default: defaultBatchSize }),
  pool: integerFlag("pool", "Connection pool size.", {
    min: 1,
    default: `${defaultPoolSize}; for unbounded, one per product, as in the incident`,
  }),
  supplierLatency: integerFlag("supplier-latency", "Mean latency of the simulated supplier per product, in ms.", {
    min: 1,
    default: cliDefaults.supplierLatencyMs,
  }),
  serverMaxConnections: integerFlag("max-connections", "The simulated server's max_connections.", {
    min: 1,
    default: `${defaultSimulatedMaxConnections}, like MySQL`,
  }),
  retries: integerFlag(
    "retries",
    "Retries of a statement after a deadlock or lock wait timeout (jittered exponential backoff from 50 ms, " +
      "capped at 2 s); 'too many connections' is retried twice at most, so the incident still shows. " +
      "0 turns every retry off, waiting for the server included.",
    { min: 0, default: defaultRetryPolicy.times },
  ),
  serverWait: integerFlag(
    "server-wait",
    "Seconds to wait for a server that stops answering (a crash, a restart, a failover), at startup and during " +
      "the run: workers pause and the run goes on when it is back; after that long the run stops with a report " +
      "that --resume completes. 0: do not wait.",
    { min: 0, default: Duration.toSeconds(defaultServerWait) },
  ),
  json: Options.boolean("json").pipe(
    Options.withDescription("Print the report as one JSON object on the last line of stdout; no progress bar."),
  ),
  resume: Options.boolean("resume").pipe(
    Options.withDescription(
      "Continue the last run that did not update every product (e.g. one stopped with Ctrl-C), over the product " +
        "count recorded for it, skipping the products it already synced. Without such a run, start a new one. " +
        "Needs a real database: the simulated one starts empty in every process.",
    ),
  ),
  cluster: Options.boolean("cluster").pipe(
    Options.withDescription(
      "Submit the run to the cluster's runners (start them with `poolwise runner`) and follow it here: the same " +
        "progress, report and exit codes. Needs --database-url (the runners' database). The runners' own flags " +
        "set their pools and concurrency.",
    ),
  ),
  pageSize: integerFlag("page-size", "Products per page of a --cluster run.", {
    min: 1,
    default: defaults.clusterPageSize,
  }),
  failuresFile: Options.file("failures").pipe(
    Options.withPseudoName("FILE"),
    Options.withDescription("Also write every failed product to FILE, one JSON object per line."),
    Options.optional,
  ),
}

type Flags = {
  readonly [K in keyof typeof syncFlags]: (typeof syncFlags)[K] extends Options.Options<infer A> ? A : never
}

/** Fills the defaults the flags leave open. */
export const syncPlan = (flags: Flags): SyncPlan => {
  const products = Option.getOrElse(flags.products, () => cliDefaults.products)
  const concurrency = Option.getOrElse(flags.concurrency, () => cliDefaults.concurrency)
  return {
    databaseUrl: flags.databaseUrl,
    products,
    strategy: flags.strategy,
    concurrency,
    chunkSize: Option.getOrElse(flags.chunkSize, () => concurrency),
    batchSize: Option.getOrElse(flags.batchSize, () => defaultBatchSize),
    pool: Option.getOrElse(flags.pool, () => flags.strategy === "unbounded" ? products : defaultPoolSize),
    supplierLatencyMs: Option.getOrElse(flags.supplierLatency, () => cliDefaults.supplierLatencyMs),
    serverMaxConnections: Option.getOrElse(flags.serverMaxConnections, () => defaultSimulatedMaxConnections),
    retries: Option.getOrElse(flags.retries, () => defaultRetryPolicy.times),
    serverWait: Option.match(flags.serverWait, { onNone: () => defaultServerWait, onSome: Duration.seconds }),
    json: flags.json,
    resume: flags.resume,
    failuresFile: flags.failuresFile,
    cluster: flags.cluster,
    pageSize: Option.getOrElse(flags.pageSize, () => defaults.clusterPageSize),
  }
}

/** The plan `poolwise sync` makes with no flags, with `overrides` on top: the tour's runs. */
export const defaultPlan = (overrides: Partial<SyncPlan> = {}): SyncPlan => ({
  ...syncPlan({
    databaseUrl: Option.none(),
    products: Option.none(),
    strategy: overrides.strategy ?? "pooled",
    concurrency: Option.none(),
    chunkSize: Option.none(),
    batchSize: Option.none(),
    pool: Option.none(),
    supplierLatency: Option.none(),
    serverMaxConnections: Option.none(),
    retries: Option.none(),
    serverWait: Option.none(),
    json: false,
    resume: false,
    failuresFile: Option.none(),
    cluster: false,
    pageSize: Option.none(),
  }),
  ...overrides,
})
