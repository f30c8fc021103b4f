/**
 * What `poolwise sync` was asked to do: the flags' values (syncFlags.ts
 * declares and checks them) and the plan they make, with every default
 * filled in. The defaults are the kit's own (src/internal/defaults.ts), read
 * from the one module that loads neither the SQL driver nor the cluster.
 * Nothing here loads the flag parser: the tour makes its plans here too.
 */
import { Duration, Option, type Redacted } from "effect"
import * as defaults from "../internal/defaults.ts"
import type { RateSpec } from "../internal/limits/rateText.ts"

/** What a sync run was asked to do, after the flags were read. */
export interface SyncPlan {
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly products: number
  readonly strategy: "pooled" | "chunked" | "unbounded" | "bulk"
  /** Supplier calls in flight for pooled and bulk; `"auto"`: an adaptive limit within `defaults.cli.autoConcurrency`. */
  readonly concurrency: number | "auto"
  /** At most this many supplier calls start per interval (pooled, bulk and chunked). */
  readonly rate: Option.Option<RateSpec>
  /** The simulated supplier's capacity (slower past it, "too many requests" past 1.2 ×); none by default. */
  readonly supplierCapacity: Option.Option<number>
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
  /** Reply deadline of every statement: past it, the connection is closed and the statement retried. */
  readonly statementTimeout: Duration.Duration
  readonly json: boolean
  /** Continue the last incomplete run instead of starting a new one. */
  readonly resume: boolean
  /** Write every failed product to this file, one JSON object per line. */
  readonly failuresFile: Option.Option<string>
  /** Submit the run to the runners (`poolwise runner`) instead of running it here. */
  readonly cluster: boolean
  /** Products per page of a cluster run. */
  readonly pageSize: number
  /** With `cluster`: the id of an earlier cluster run to complete instead of submitting a new one. */
  readonly resumeRun: Option.Option<string>
}

/** The flags as the parser read them: `Option.none()` where a flag was not given. */
export interface SyncFlags {
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly products: Option.Option<number>
  readonly strategy: Option.Option<SyncPlan["strategy"]>
  readonly concurrency: Option.Option<number | "auto">
  readonly rate: Option.Option<RateSpec>
  readonly supplierCapacity: Option.Option<number>
  readonly chunkSize: Option.Option<number>
  readonly batchSize: Option.Option<number>
  readonly pool: Option.Option<number>
  readonly supplierLatency: Option.Option<number>
  readonly serverMaxConnections: Option.Option<number>
  readonly retries: Option.Option<number>
  /** Seconds. */
  readonly serverWait: Option.Option<number>
  /** Seconds. */
  readonly statementTimeout: Option.Option<number>
  readonly json: boolean
  readonly resume: boolean
  readonly failuresFile: Option.Option<string>
  readonly cluster: boolean
  readonly pageSize: Option.Option<number>
  readonly resumeRun: Option.Option<string>
}

/** Fills the defaults the flags leave open. */
export const syncPlan = (flags: SyncFlags): SyncPlan => {
  const products = Option.getOrElse(flags.products, () => defaults.cli.products)
  const concurrency = Option.getOrElse(flags.concurrency, () => defaults.cli.concurrency)
  const strategy = Option.getOrElse(flags.strategy, () => "pooled" as const)
  return {
    databaseUrl: flags.databaseUrl,
    products,
    strategy,
    concurrency,
    rate: flags.rate,
    supplierCapacity: flags.supplierCapacity,
    chunkSize: Option.getOrElse(flags.chunkSize, () => concurrency === "auto" ? defaults.cli.concurrency : concurrency),
    batchSize: Option.getOrElse(flags.batchSize, () => defaults.batchSize),
    pool: Option.getOrElse(flags.pool, () => strategy === "unbounded" ? products : defaults.poolSize),
    supplierLatencyMs: Option.getOrElse(flags.supplierLatency, () => defaults.cli.supplierLatencyMs),
    serverMaxConnections: Option.getOrElse(flags.serverMaxConnections, () => defaults.simulatedMaxConnections),
    retries: Option.getOrElse(flags.retries, () => defaults.retryTimes),
    serverWait: Option.match(flags.serverWait, { onNone: () => defaults.serverWait, onSome: Duration.seconds }),
    statementTimeout: Option.match(flags.statementTimeout, {
      onNone: () => defaults.statementTimeout,
      onSome: Duration.seconds,
    }),
    json: flags.json,
    resume: flags.resume,
    failuresFile: flags.failuresFile,
    cluster: flags.cluster,
    pageSize: Option.getOrElse(flags.pageSize, () => defaults.clusterPageSizeFor(products)),
    resumeRun: flags.resumeRun,
  }
}

/** The plan `poolwise sync` makes with no flags, with `overrides` on top: the tour's runs. */
export const defaultPlan = (overrides: Partial<SyncPlan> = {}): SyncPlan => ({
  ...syncPlan({
    databaseUrl: Option.none(),
    products: Option.none(),
    strategy: Option.fromNullable(overrides.strategy),
    concurrency: Option.none(),
    rate: Option.none(),
    supplierCapacity: Option.none(),
    chunkSize: Option.none(),
    batchSize: Option.none(),
    pool: Option.none(),
    supplierLatency: Option.none(),
    serverMaxConnections: Option.none(),
    retries: Option.none(),
    serverWait: Option.none(),
    statementTimeout: Option.none(),
    json: false,
    resume: false,
    failuresFile: Option.none(),
    cluster: false,
    pageSize: Option.none(),
    resumeRun: Option.none(),
  }),
  ...overrides,
})
