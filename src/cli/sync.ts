/**
 * `poolwise sync`: the product-status job from the incident, on the embedded
 * simulated database (default) or on a real MySQL/MariaDB.
 *
 * Ctrl-C stops the run gracefully: products in flight are interrupted, the
 * pool is closed, the partial report is printed, and the process exits with
 * 130. `--resume` then continues that run where it stopped.
 */
import { Command, Options } from "@effect/cli"
import {
  Cause,
  Config,
  Console,
  Data,
  Deferred,
  Duration,
  Effect,
  Exit,
  Fiber,
  Layer,
  Option,
  type Redacted,
  Stream,
} from "effect"
import { makeProgress, type Progress } from "../progress/Progress.ts"
import { describeEndpoint, parseDatabaseUrl } from "../sql/DatabaseUrl.ts"
import { layerMigrations } from "../sql/Migrations.ts"
import { layerMysql } from "../sql/MysqlLayer.ts"
import { chunkedStrategy } from "../strategies/chunked.ts"
import { pooledStrategy } from "../strategies/pooled.ts"
import type { Strategy } from "../strategies/Strategy.ts"
import { unboundedStrategy } from "../strategies/unbounded.ts"
import { ProductRepository } from "../sync/ProductRepository.ts"
import { SupplierStatus } from "../sync/SupplierStatus.ts"
import { BulkStatusWriter, type BulkSyncReport, syncProductStatusBulk } from "../sync/bulk.ts"
import { defaultRetryPolicy } from "../sync/retry.ts"
import { syncProductStatus, type SyncReport } from "../sync/syncProductStatus.ts"
import { nonNegativeIntegerFlag, positiveIntegerFlag } from "./flags.ts"
import { makeProgressBar } from "./progressBar.ts"

/** What a sync run was asked to do, after the flags were read. */
export interface SyncPlan {
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly products: number
  readonly strategy: "pooled" | "chunked" | "unbounded" | "bulk"
  readonly concurrency: number
  /** Rows per write statement for bulk. */
  readonly batchSize?: number | undefined
  readonly chunkSize: number
  /** Unbounded's default is one connection per product: the incident's pool. */
  readonly pool: number
  readonly supplierLatencyMs: number
  readonly serverMaxConnections: number
  readonly json: boolean
  /** Retries per statement after a transient failure; 0 (none) when absent. */
  readonly retries?: number | undefined
  /** Continue the last incomplete run instead of starting a new one. */
  readonly resume?: boolean | undefined
}

export const defaults = {
  products: 1_000,
  concurrency: 10,
  pool: 5,
  supplierLatencyMs: 20,
  serverMaxConnections: 151,
  retries: 0,
  batchSize: 500,
  /** A row lock held elsewhere fails the write after this long instead of MySQL's 50 s. */
  lockWaitTimeout: Duration.seconds(5),
} as const

const strategyOf = (plan: SyncPlan & { readonly strategy: Strategy["name"] }): Effect.Effect<Strategy, Error> =>
  plan.strategy === "pooled"
    ? pooledStrategy({ concurrency: plan.concurrency })
    : plan.strategy === "chunked"
    ? chunkedStrategy({ chunkSize: plan.chunkSize })
    : unboundedStrategy()

const supplierLayer = (plan: SyncPlan) =>
  SupplierStatus.layerSimulated({ meanLatency: Duration.millis(plan.supplierLatencyMs) })

/**
 * The repository the plan asks for, and the bulk writer over the same store:
 * the simulation, or MySQL migrated first.
 */
const storeLayer = (plan: SyncPlan) =>
  Option.match(plan.databaseUrl, {
    onNone: () =>
      BulkStatusWriter.layerRepository.pipe(
        Layer.provideMerge(
          ProductRepository.layerSimulated({ poolSize: plan.pool, maxConnections: plan.serverMaxConnections }),
        ),
      ),
    onSome: (url) =>
      Layer.unwrapEffect(
        Effect.map(parseDatabaseUrl(url), (endpoint) =>
          Layer.merge(
            ProductRepository.layerSqlWith({ lockWaitTimeout: defaults.lockWaitTimeout }),
            BulkStatusWriter.layerSql,
          ).pipe(
            Layer.provideMerge(layerMigrations),
            Layer.provide(layerMysql(endpoint, { poolSize: plan.pool })),
          )),
      ),
  })

/** Where the run happens, in words, without the password. */
export const describeTarget = (plan: SyncPlan): Effect.Effect<string, Error> =>
  Option.match(plan.databaseUrl, {
    onNone: () => Effect.succeed(`the simulated database (max_connections ${plan.serverMaxConnections}, in process)`),
    onSome: (url) => Effect.map(parseDatabaseUrl(url), (endpoint) => `MySQL at ${describeEndpoint(endpoint)}`),
  })

const describeStrategy = (plan: SyncPlan): string =>
  plan.strategy === "pooled"
    ? `pooled, concurrency ${plan.concurrency}`
    : plan.strategy === "chunked"
    ? `chunked, chunkSize ${plan.chunkSize}`
    : plan.strategy === "bulk"
    ? `bulk, ${plan.batchSize ?? defaults.batchSize} rows per statement, concurrency ${plan.concurrency}`
    : "unbounded (the incident)"

/** How the CLI's run is watched and stopped. */
export interface RunControls {
  readonly progress?: Progress | undefined
  /** Completing it stops the run with a partial report. */
  readonly interruptWhen?: Effect.Effect<unknown> | undefined
}

/**
 * What the CLI shows: the row-by-row job's report, or the bulk job's with the
 * fields it does not have filled in (bulk neither retries nor resumes).
 */
export type RunReport =
  & Omit<SyncReport, "strategy" | "limit">
  & { readonly strategy: SyncReport["strategy"] | "bulk"; readonly limit: SyncReport["limit"] }
  & { readonly statements?: number | undefined; readonly batchSize?: number | undefined }

const fromBulk = (report: BulkSyncReport): RunReport => ({
  ...report,
  retries: 0,
  runId: "",
  resumed: false,
  alreadySynced: 0,
})

/** Runs the job as planned. The pool is closed when it returns. */
export const runSync = (plan: SyncPlan, controls: RunControls = {}): Effect.Effect<RunReport, Error> =>
  Effect.gen(function* () {
    const repository = yield* ProductRepository
    yield* repository.ensureProducts(plan.products)
    if (plan.strategy === "bulk") {
      return fromBulk(
        yield* syncProductStatusBulk({
          products: plan.products,
          concurrency: plan.concurrency,
          batchSize: plan.batchSize,
          interruptWhen: controls.interruptWhen,
        }),
      )
    }
    return yield* syncProductStatus({
      strategy: yield* strategyOf({ ...plan, strategy: plan.strategy }),
      products: plan.products,
      retry: (plan.retries ?? 0) === 0 ? undefined : { ...defaultRetryPolicy, times: plan.retries ?? 0 },
      resume: plan.resume,
      ...controls,
    })
  }).pipe(Effect.provide(Layer.merge(storeLayer(plan), supplierLayer(plan))))

/** The report's JSON line: the keys scripts read, then the rest. */
export const reportJson = (report: RunReport): string =>
  JSON.stringify({
    strategy: report.strategy,
    products: report.products,
    updated: report.updated,
    failed: report.failed.map(({ id, reason }) => ({ id, reason })),
    elapsedMs: report.elapsedMs,
    peakConnections: report.peakConnections,
    limit: report.limit,
    retries: report.retries,
    ...(report.stoppedBy === undefined ? {} : { stoppedBy: report.stoppedBy }),
    runId: report.runId,
    resumed: report.resumed,
    alreadySynced: report.alreadySynced,
    ...(report.statements === undefined ? {} : { statements: report.statements, batchSize: report.batchSize }),
  })

const idList = (ids: ReadonlyArray<number>, shown = 8): string =>
  ids.length <= shown ? ids.join(", ") : `${ids.slice(0, shown).join(", ")}, … (${ids.length} in all)`

/**
 * The report as text: totals, then failures grouped by reason. `resumable`:
 * whether a later `sync --resume` can see this run (not on the simulated
 * database, which lives and dies with the process).
 */
export const formatReport = (report: RunReport, options: { readonly resumable?: boolean } = {}): string => {
  const lines = [
    `updated ${report.updated} of ${report.products}, failed ${report.failed.length}, in ${report.elapsedMs} ms; ` +
    `peak connections ${report.peakConnections}` + (report.retries > 0 ? `, ${report.retries} retries` : ""),
  ]
  if (report.resumed) {
    lines.push(`  resumed run ${report.runId}: ${report.alreadySynced} products were already synced by it`)
  }
  const byReason = new Map<string, Array<number>>()
  for (const failure of report.failed) {
    byReason.set(failure.reason, [...(byReason.get(failure.reason) ?? []), failure.id])
  }
  for (const [reason, ids] of byReason) lines.push(`  failed: ${reason}: ids ${idList(ids)}`)
  if (report.stoppedBy !== undefined) lines.push(`  the run stopped early: ${report.stoppedBy}`)
  if ((options.resumable ?? true) && (report.stoppedBy !== undefined || report.failed.length > 0)) {
    lines.push(`  run ${report.runId}: \`sync --resume\` continues it, skipping the products it already synced`)
  }
  return lines.join("\n")
}

/**
 * Runs a plan and prints it: a heading, a progress bar on a terminal, the
 * report. Interrupting it (Ctrl-C) stops the run instead of abandoning it: the
 * products in flight are interrupted, the pool is closed, and the partial
 * report is printed before the interruption goes on.
 */
export const showSync = (plan: SyncPlan) =>
  Effect.gen(function* () {
    const target = yield* describeTarget(plan)
    const heading = `sync ${plan.products} products on ${target}: ${describeStrategy(plan)}, pool ${plan.pool}, ` +
      `supplier ~${plan.supplierLatencyMs} ms${plan.resume === true ? ", resuming the last incomplete run" : ""}`
    // With --json, stdout carries only the report.
    yield* plan.json ? Console.error(heading) : Console.log(heading)

    const progress = yield* makeProgress(plan.products)
    const bar = makeProgressBar({ enabled: !plan.json && process.stderr.isTTY === true })
    const drawing = yield* Effect.fork(Stream.runForEach(progress.changes, bar.draw))
    const print = (report: RunReport) =>
      Fiber.interrupt(drawing).pipe(
        Effect.zipRight(bar.clear),
        Effect.zipRight(Console.log(
          plan.json ? reportJson(report) : formatReport(report, { resumable: Option.isSome(plan.databaseUrl) }),
        )),
      )

    const stop = yield* Deferred.make<void>()
    // A daemon, not a child: interrupting a fiber interrupts its children at
    // once, and this run must outlive the interruption long enough to report.
    // Nothing leaks: every way out of here below awaits it.
    const running = yield* Effect.forkDaemon(runSync(plan, { progress, interruptWhen: Deferred.await(stop) }))
    const report = yield* Fiber.join(running).pipe(
      // This runs while the interruption is pending: the run stops at the
      // signal, closes its pool and returns the partial report.
      Effect.onInterrupt(() =>
        Deferred.succeed(stop, undefined).pipe(
          Effect.zipRight(Fiber.await(running)),
          Effect.flatMap((exit) =>
            Exit.isSuccess(exit)
              ? print(exit.value)
              : Effect.zipRight(bar.clear, Console.error(`error: ${Cause.pretty(exit.cause)}`))
          ),
        )
      ),
    )
    yield* print(report)
    return report
  })

const flags = {
  databaseUrl: Options.redacted("database-url").pipe(
    Options.withPseudoName("URL"),
    Options.withDescription(
      "mysql://user:password@host:port/database. Else MYSQL_URL; with neither, the embedded simulated database.",
    ),
    Options.withFallbackConfig(Config.redacted("MYSQL_URL")),
    Options.optional,
  ),
  products: positiveIntegerFlag("products", `Sync products 1..N, inserting any missing (default ${defaults.products}).`)
    .pipe(Options.optional),
  strategy: Options.choice("strategy", ["pooled", "chunked", "unbounded", "bulk"]).pipe(
    Options.withDescription(
      "pooled (the fix), chunked (Promise.all per chunk), unbounded (the incident), or bulk (multi-row writes).",
    ),
    Options.withDefault("pooled" as const),
  ),
  batchSize: positiveIntegerFlag(
    "batch-size",
    `Rows per write statement for bulk (default ${defaults.batchSize}).`,
  ).pipe(Options.optional),
  concurrency: positiveIntegerFlag("concurrency", `Tasks in flight for pooled (default ${defaults.concurrency}).`)
    .pipe(Options.optional),
  chunkSize: positiveIntegerFlag("chunk-size", "Items per chunk for chunked (default: the concurrency).").pipe(
    Options.optional,
  ),
  pool: positiveIntegerFlag(
    "pool",
    `Connection pool size (default ${defaults.pool}; for unbounded, one per product, as in the incident).`,
  ).pipe(Options.optional),
  supplierLatency: positiveIntegerFlag(
    "supplier-latency",
    `Mean latency of the simulated supplier per product, in ms (default ${defaults.supplierLatencyMs}).`,
  ).pipe(Options.optional),
  serverMaxConnections: positiveIntegerFlag(
    "max-connections",
    `The simulated server's max_connections (default ${defaults.serverMaxConnections}, like MySQL).`,
  ).pipe(Options.optional),
  json: Options.boolean("json").pipe(
    Options.withDescription("Print the report as one JSON object on the last line; no progress bar."),
  ),
  retries: nonNegativeIntegerFlag(
    "retries",
    "Retry a statement that failed transiently (lost connection, too many connections, deadlock, lock wait " +
      `timeout) up to N times, with jittered exponential backoff from 50 ms capped at 2 s (default ${defaults.retries}).`,
  ).pipe(Options.optional),
  resume: Options.boolean("resume").pipe(
    Options.withDescription(
      "Continue the last run that did not update every product (e.g. one stopped with Ctrl-C), skipping the " +
        "products it already synced. Without such a run, start a new one. Needs a real database: the simulated one " +
        "starts empty in every process.",
    ),
  ),
}

type Flags = Command.Command.ParseConfig<typeof flags>

/** Fills the defaults the flags leave open. */
export const syncPlan = (flags: Flags): SyncPlan => {
  const products = Option.getOrElse(flags.products, () => defaults.products)
  const concurrency = Option.getOrElse(flags.concurrency, () => defaults.concurrency)
  return {
    databaseUrl: flags.databaseUrl,
    products,
    strategy: flags.strategy,
    concurrency,
    chunkSize: Option.getOrElse(flags.chunkSize, () => concurrency),
    batchSize: Option.getOrElse(flags.batchSize, () => defaults.batchSize),
    pool: Option.getOrElse(flags.pool, () => flags.strategy === "unbounded" ? products : defaults.pool),
    supplierLatencyMs: Option.getOrElse(flags.supplierLatency, () => defaults.supplierLatencyMs),
    serverMaxConnections: Option.getOrElse(flags.serverMaxConnections, () => defaults.serverMaxConnections),
    json: flags.json,
    retries: Option.getOrElse(flags.retries, () => defaults.retries),
    resume: flags.resume,
  }
}

/** Flags that parse on their own but not together. */
export class ConflictingFlags extends Data.TaggedError("ConflictingFlags")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}

/** Rejects combinations the chosen strategy cannot honour, instead of ignoring a flag. */
export const checkPlan = (plan: SyncPlan): Effect.Effect<SyncPlan, ConflictingFlags> =>
  plan.strategy === "bulk" && ((plan.retries ?? 0) > 0 || plan.resume === true)
    ? Effect.fail(
      new ConflictingFlags({
        reason:
          "--retries and --resume apply to pooled, chunked and unbounded; the bulk job neither retries nor resumes",
      }),
    )
    : Effect.succeed(plan)

/** Raised when some products were not updated, so the exit code says so. */
export class SyncIncomplete extends Error {
  constructor(readonly report: RunReport) {
    super(`${report.failed.length} of ${report.products} products were not updated`)
  }
}

export const syncCommand = Command.make(
  "sync",
  flags,
  (parsed) =>
    Effect.flatMap(checkPlan(syncPlan(parsed)), showSync).pipe(
      Effect.flatMap((report) => report.failed.length === 0 ? Effect.void : Effect.fail(new SyncIncomplete(report))),
    ),
).pipe(
  Command.withDescription(
    "Refresh every product's stock and discontinued flag from the supplier, as the incident's batch job did. " +
      "Migrates the schema first. Exit code 0 only when every product was updated; 130 after Ctrl-C, which " +
      "prints the partial report.",
  ),
)
