/**
 * `poolwise sync`: the product-status job from the incident, on the embedded
 * simulated database (default) or on a real MySQL/MariaDB.
 *
 * Ctrl-C stops the run gracefully: statements in flight are cancelled on the
 * server, the pool is closed, the partial report is printed, and the process
 * exits with 130. `--resume` then continues that run where it stopped.
 */
import { Cause, Console, Deferred, Duration, Effect, Exit, Fiber, Layer, Option, Stream } from "effect"
import * as defaults from "../internal/defaults.ts"
import { formatRate } from "../internal/limits/rateText.ts"
import type { AdaptiveLimit } from "../limits/Limit.ts"
import { adaptive } from "../limits/limits.ts"
import { makeProgress } from "../progress/makeProgress.ts"
import { describeEndpoint, parseDatabaseUrl } from "../sql/DatabaseUrl.ts"
import { chunkedStrategy } from "../strategies/chunked.ts"
import { pooledStrategy } from "../strategies/pooled.ts"
import { unboundedStrategy } from "../strategies/unbounded.ts"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"
import type { MysqlStackError } from "../internal/sync/ProductRepository.ts"
import { ProductRepository } from "../sync/ProductRepository.ts"
import type { SqlError } from "@effect/sql/SqlError"
import type { ClusterRunStalled } from "../cluster/submitClusterSync.ts"
import type { ParseError } from "effect/ParseResult"
import type { RepositoryError } from "../sync/RepositoryError.ts"
import { defaultRetryPolicy, noRetries } from "../sync/RetryPolicy.ts"
import type { StoreConnections } from "../sync/StoreConnections.ts"
import { SupplierStatus } from "../sync/SupplierStatus.ts"
import { syncProductStatus } from "../sync/syncProductStatus.ts"
import { runClusterSync } from "./clusterSync.ts"
import { fields } from "./console.ts"
import { makeProgressBar } from "./progressBar.ts"
import { type CliReport, formatReport, reportJson, writeFailures } from "./report.ts"
import type { Strategy } from "../strategies/Strategy.ts"
import type { SyncPlan } from "./syncPlan.ts"
import { ensureProducts, type RunControls } from "./syncSteps.ts"

/** `--concurrency auto`: an adaptive limit within the CLI's bounds (fresh for each run). */
const concurrencyOf = (plan: SyncPlan): Effect.Effect<number | AdaptiveLimit, InvalidOptionError> =>
  plan.concurrency === "auto" ? adaptive({ ...defaults.cli.autoConcurrency }) : Effect.succeed(plan.concurrency)

const strategyOf = (plan: SyncPlan) => {
  const rate = Option.isSome(plan.rate) ? { rate: plan.rate.value } : {}
  return plan.strategy === "chunked"
    ? chunkedStrategy({ chunkSize: plan.chunkSize, ...rate })
    : plan.strategy === "unbounded"
    ? unboundedStrategy()
    : Effect.flatMap(concurrencyOf(plan), (concurrency) => pooledStrategy({ concurrency, ...rate }))
}

/** How the limit reads in a heading: `concurrency 10`, `concurrency auto (1 to 100)`, then the rate if any. */
export const describeLimits = (plan: SyncPlan): string => {
  const { min, max } = defaults.cli.autoConcurrency
  const concurrency = plan.concurrency === "auto" ? `auto (${min} to ${max})` : String(plan.concurrency)
  return `concurrency ${concurrency}` + Option.match(plan.rate, {
    onNone: () => "",
    onSome: (rate) => `, rate ${formatRate(rate)}`,
  })
}

/** What a run can fail with before it has a report. */
// ParseError: a cluster run's stored report is decoded, not trusted.
type RunError = RepositoryError | MysqlStackError | SqlError | ClusterRunStalled | ParseError

/** Where the run happens, and how: the simulation, MySQL (migrated, bounded) from the URL, or the cluster's runners. */
const target = (plan: SyncPlan) =>
  Option.match(plan.databaseUrl, {
    onNone: () =>
      plan.cluster
        ? Effect.fail(new Error("--cluster needs --database-url (or MYSQL_URL): the runners' database"))
        : Effect.succeed({
          description: `the simulated database (max_connections ${plan.serverMaxConnections}, in process)`,
          run: (controls: RunControls): Effect.Effect<CliReport, RunError> =>
            runSync(
              plan,
              ProductRepository.layerSimulated({ poolSize: plan.pool, maxConnections: plan.serverMaxConnections }),
              controls,
            ),
        }),
    onSome: (url) =>
      Effect.map(parseDatabaseUrl(url), (endpoint) => ({
        description: plan.cluster
          ? `the cluster's runners (MySQL at ${describeEndpoint(endpoint)})`
          : `MySQL at ${describeEndpoint(endpoint)}`,
        run: (controls: RunControls): Effect.Effect<CliReport, RunError> =>
          plan.cluster ? runClusterSync(endpoint, plan, controls) : runSync(
            plan,
            // The wait for the first connection is --server-wait alone: --retries is about the run's statements.
            ProductRepository.layerMysql({
              endpoint,
              poolSize: plan.pool,
              serverWait: plan.serverWait,
              statementTimeout: plan.statementTimeout,
            }),
            controls,
          ),
      })),
  })

/** Runs the job as planned, on `store`. The pool is closed when it returns. */
export const runSync = <E>(
  plan: SyncPlan,
  store: Layer.Layer<ProductRepository | StoreConnections, E>,
  controls: RunControls = {},
): Effect.Effect<CliReport, E | InvalidOptionError | RepositoryError> =>
  Effect.gen(function* () {
    const repository = yield* ProductRepository
    if (!plan.resume) yield* ensureProducts(plan.products, repository.ensureProducts(plan.products))
    const strategy = yield* strategyOf(plan)
    controls.onStrategy?.(strategy)
    const report = yield* syncProductStatus({
      strategy,
      write: plan.strategy === "bulk" ? "bulk" : "row",
      batchSize: plan.batchSize,
      products: plan.products,
      // --retries 0 turns every retry off (times: 0 alone leaves refusedTimes and serverWait on).
      retry: plan.retries === 0
        ? noRetries
        : { ...defaultRetryPolicy, times: plan.retries, serverWait: plan.serverWait },
      resume: plan.resume,
      ...controls,
    })
    return {
      ...report,
      strategy: plan.strategy,
      ...(plan.concurrency === "auto" && plan.strategy !== "chunked" && plan.strategy !== "unbounded"
        ? { limitBounds: { min: defaults.cli.autoConcurrency.min, max: defaults.cli.autoConcurrency.max } }
        : {}),
    }
  }).pipe(
    Effect.provide(Layer.merge(
      store,
      SupplierStatus.layerSimulated({
        meanLatency: plan.supplierLatencyMs,
        ...(Option.isSome(plan.supplierCapacity) ? { capacity: plan.supplierCapacity.value } : {}),
      }),
    )),
  )

/** The plan with every default filled in, as log annotations: what `--log-level debug` shows first. */
const planFields = (plan: SyncPlan) => ({
  products: plan.products,
  ...(plan.cluster ? { pageSize: plan.pageSize } : {
    strategy: plan.strategy,
    concurrency: plan.concurrency,
    rate: Option.match(plan.rate, { onNone: () => "none", onSome: formatRate }),
    chunkSize: plan.chunkSize,
    batchSize: plan.batchSize,
    pool: plan.pool,
    supplierLatencyMs: plan.supplierLatencyMs,
    maxConnections: plan.serverMaxConnections,
    resume: plan.resume,
  }),
  retries: plan.retries,
  serverWait: Duration.format(plan.serverWait),
  ...(plan.cluster ? {} : { statementTimeout: Duration.format(plan.statementTimeout) }),
})

/**
 * Runs a plan and prints it: a heading, a progress bar on a terminal, the
 * report. Interrupting it (Ctrl-C) stops the run instead of abandoning it:
 * statements in flight are cancelled, the pool is closed, and the partial
 * report is printed before the interruption goes on.
 */
export const showSync = (plan: SyncPlan) =>
  Effect.gen(function* () {
    const { description, run } = yield* target(plan)
    yield* Effect.logDebug(`plan: ${fields(planFields(plan))}`)
    const strategy = plan.cluster
      ? `pages of ${plan.pageSize}`
      : plan.strategy === "chunked"
      ? `chunked, chunkSize ${plan.chunkSize}` +
        Option.match(plan.rate, { onNone: () => "", onSome: (rate) => `, rate ${formatRate(rate)}` })
      : plan.strategy === "unbounded"
      ? "unbounded (the incident)"
      : plan.strategy === "bulk"
      ? `bulk, ${plan.batchSize} rows per statement, ${describeLimits(plan)}`
      : `pooled, ${describeLimits(plan)}`
    // On the cluster, pools, concurrency and the supplier are the runners' own flags.
    const heading = Option.isSome(plan.resumeRun)
      ? `sync: completing cluster run ${plan.resumeRun.value} on ${description}`
      : `sync ${plan.products} products on ${description}: ${strategy}` + (plan.cluster
        ? ""
        : `, pool ${plan.pool}, supplier ~${plan.supplierLatencyMs} ms${
          Option.isSome(plan.supplierCapacity) ? ` (capacity ${plan.supplierCapacity.value})` : ""
        }${plan.resume ? ", resuming the last incomplete run" : ""}`)
    // With --json, stdout carries only the report.
    yield* plan.json ? Console.error(heading) : Console.log(heading)

    const progress = yield* makeProgress(plan.products)
    // With --concurrency auto the line shows where the adaptive limit is, within its bounds.
    let made: Strategy | undefined
    const { min, max } = defaults.cli.autoConcurrency
    const bar = makeProgressBar({
      enabled: !plan.json && process.stderr.isTTY === true,
      detail: plan.concurrency === "auto" && !plan.cluster
        ? () => made === undefined ? undefined : `limit ${made.limit} (${min} to ${max})`
        : undefined,
    })
    const drawing = yield* Effect.fork(Stream.runForEach(progress.changes, bar.draw))
    const print = (report: CliReport) =>
      Effect.gen(function* () {
        yield* Fiber.interrupt(drawing)
        yield* bar.clear
        if (report.resumed && report.products !== plan.products && !plan.json && Option.isNone(plan.resumeRun)) {
          yield* Console.log(`resumed run ${report.runId}, recorded for ${report.products} products (not --products)`)
        }
        yield* Console.log(
          plan.json
            ? reportJson(report)
            : formatReport(report, { resumable: Option.isSome(plan.databaseUrl), cluster: plan.cluster }),
        )
        if (Option.isSome(plan.failuresFile)) {
          const count = yield* writeFailures(plan.failuresFile.value, report)
          yield* Console.error(`wrote ${count} failed products to ${plan.failuresFile.value}`)
        }
      })

    const stop = yield* Deferred.make<void>()
    // A daemon, not a child: interrupting a fiber interrupts its children at
    // once, and this run must outlive the interruption long enough to report.
    // Nothing leaks: every way out of here below awaits it.
    const running = yield* Effect.forkDaemon(run({
      progress,
      interruptWhen: Deferred.await(stop),
      onStrategy: (strategy) => void (made = strategy),
    }))
    const report = yield* Fiber.join(running).pipe(
      // This runs while the interruption is pending: the run stops at the
      // signal, closes its pool and returns the partial report.
      Effect.onInterrupt(() =>
        Deferred.succeed(stop, undefined).pipe(
          Effect.zipRight(Fiber.await(running)),
          Effect.flatMap((exit) =>
            Exit.isSuccess(exit)
              ? Effect.orDie(print(exit.value))
              : Effect.zipRight(bar.clear, Console.error(`error: ${Cause.pretty(exit.cause)}`))
          ),
        )
      ),
    )
    yield* print(report)
    return report
  })
