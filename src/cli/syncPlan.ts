/**
 * `poolwise sync`'s flags, and the plan they make: what to run, with every
 * default filled in. The defaults are the kit's own (src/internal/defaults.ts),
 * read from the one module that loads neither the SQL driver nor the
 * cluster, so `sync --help` and a refused flag cost no more than the parser.
 * Flags that cannot go together are refused here too, by the parser, from
 * the values it read.
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Config, Duration, Effect, Option, type Redacted } from "effect"
import * as defaults from "../internal/defaults.ts"
import { nonNegativeInteger, positiveInteger } from "../internal/options/rules.ts"
import { numberFlag } from "./flags.ts"

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

const strategies = ["pooled", "chunked", "unbounded", "bulk"] as const

const seconds = (duration: Duration.Duration) => Duration.toSeconds(duration)

export const syncFlags = {
  databaseUrl: Options.redacted("database-url").pipe(
    Options.withPseudoName("URL"),
    Options.withDescription(
      "mysql://user:password@host:port/database. Else MYSQL_URL; with neither, the embedded simulated database.",
    ),
    Options.withFallbackConfig(Config.redacted("MYSQL_URL")),
    Options.optional,
  ),
  products: numberFlag("products", positiveInteger, "Sync products 1..N, inserting any missing.", {
    default: defaults.cli.products,
  }),
  strategy: Options.choice("strategy", strategies).pipe(
    Options.withDescription(
      "pooled (the fix), chunked (Promise.all per chunk), unbounded (the incident), or bulk (pooled fetches, " +
        "multi-row writes). Default: pooled.",
    ),
    Options.optional,
  ),
  concurrency: numberFlag("concurrency", positiveInteger, "Tasks in flight for pooled and bulk.", {
    default: defaults.cli.concurrency,
  }),
  chunkSize: numberFlag("chunk-size", positiveInteger, "Items per chunk for chunked.", {
    default: "the concurrency",
  }),
  batchSize: numberFlag("batch-size", positiveInteger, "Rows per write statement for bulk.", {
    default: defaults.batchSize,
  }),
  pool: numberFlag("pool", positiveInteger, "Connection pool size.", {
    default: `${defaults.poolSize}; for unbounded, one per product, as in the incident`,
  }),
  supplierLatency: numberFlag(
    "supplier-latency",
    positiveInteger,
    "Mean latency of the simulated supplier per product, in ms.",
    { default: defaults.cli.supplierLatencyMs },
  ),
  serverMaxConnections: numberFlag("max-connections", positiveInteger, "The simulated server's max_connections.", {
    default: `${defaults.simulatedMaxConnections}, like MySQL`,
  }),
  retries: numberFlag(
    "retries",
    nonNegativeInteger,
    "Retries of a statement after a deadlock or lock wait timeout (jittered exponential backoff from " +
      `${Duration.toMillis(defaults.retryBase)} ms, capped at ${seconds(defaults.retryCap)} s); 'too many ` +
      `connections' is retried at most ${defaults.refusedTimes} times, so the incident still shows. 0 turns every ` +
      "retry off, waiting for the server included.",
    { default: defaults.retryTimes },
  ),
  serverWait: numberFlag(
    "server-wait",
    nonNegativeInteger,
    "Seconds to wait for a server that stops answering (a crash, a restart, a failover), at startup and during " +
      "the run: workers pause and the run goes on when it is back; after that long the run stops with a report " +
      "that --resume completes. 0: do not wait.",
    { default: seconds(defaults.serverWait) },
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
  pageSize: numberFlag("page-size", positiveInteger, "Products per page of a --cluster run.", {
    default: defaults.clusterPageSize,
  }),
  failuresFile: Options.file("failures").pipe(
    Options.withPseudoName("FILE"),
    Options.withDescription("Also write every failed product to FILE, one JSON object per line."),
    Options.optional,
  ),
}

/** The flags as the parser read them: `Option.none()` where a flag was not given. */
export type SyncFlags = {
  readonly [K in keyof typeof syncFlags]: (typeof syncFlags)[K] extends Options.Options<infer A> ? A : never
}

/** The flags that set how this process runs the job: the runners set their own on a `--cluster` run. */
const localOnly: ReadonlyArray<readonly [flag: string, given: (flags: SyncFlags) => boolean]> = [
  ["--strategy", (flags) => Option.isSome(flags.strategy)],
  ["--chunk-size", (flags) => Option.isSome(flags.chunkSize)],
  ["--batch-size", (flags) => Option.isSome(flags.batchSize)],
  ["--pool", (flags) => Option.isSome(flags.pool)],
  ["--concurrency", (flags) => Option.isSome(flags.concurrency)],
  ["--supplier-latency", (flags) => Option.isSome(flags.supplierLatency)],
  ["--max-connections", (flags) => Option.isSome(flags.serverMaxConnections)],
  ["--resume", (flags) => flags.resume],
]

/** Why these flags cannot go together, if they cannot (e.g. `--cluster --resume`). */
export const flagConflict = (flags: SyncFlags): string | undefined => {
  if (!flags.cluster) {
    return Option.isSome(flags.pageSize) ? "--page-size only applies to --cluster runs" : undefined
  }
  if (Option.isNone(flags.databaseUrl)) return "--cluster needs --database-url (or MYSQL_URL): the runners' database"
  const local = localOnly.filter(([, given]) => given(flags)).map(([flag]) => flag)
  return local.length === 0 ? undefined : `${local.join(", ")} ${local.length === 1 ? "does" : "do"} not apply ` +
    "to --cluster: the runners sync their pages pooled, with their own --pool and --concurrency " +
    "(see `poolwise runner --help`)"
}

/** Every flag of `sync`, conflicts refused by the parser like a bad value: exit code 2 before anything runs. */
export const syncOptions: Options.Options<SyncFlags> = Options.all(syncFlags).pipe(
  Options.mapEffect((flags) => {
    const conflict = flagConflict(flags)
    return conflict === undefined
      ? Effect.succeed(flags)
      : Effect.fail(ValidationError.invalidValue(HelpDoc.p(conflict)))
  }),
)

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
    chunkSize: Option.getOrElse(flags.chunkSize, () => concurrency),
    batchSize: Option.getOrElse(flags.batchSize, () => defaults.batchSize),
    pool: Option.getOrElse(flags.pool, () => strategy === "unbounded" ? products : defaults.poolSize),
    supplierLatencyMs: Option.getOrElse(flags.supplierLatency, () => defaults.cli.supplierLatencyMs),
    serverMaxConnections: Option.getOrElse(flags.serverMaxConnections, () => defaults.simulatedMaxConnections),
    retries: Option.getOrElse(flags.retries, () => defaults.retryTimes),
    serverWait: Option.match(flags.serverWait, { onNone: () => defaults.serverWait, onSome: Duration.seconds }),
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
    strategy: Option.fromNullable(overrides.strategy),
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
