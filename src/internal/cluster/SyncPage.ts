/**
 * The entity that does the work: one page of a run (products `from..to`),
 * synced by the ordinary job engine (`syncProductRange`) on whichever runner
 * owns the page's shard. Its message and its answer are Schemas: both travel
 * between processes and through the cluster's message table.
 *
 * Messages are persisted and delivered at least once: a page whose runner
 * dies is delivered again to the runner that takes its shard over. That is
 * safe because every write is conditional on the run's id: a product the run
 * has already written is left alone (and counted as written), so a page that
 * runs twice never writes a product twice.
 *
 * @internal
 */
import { ClusterSchema, Entity } from "@effect/cluster"
import { Rpc } from "@effect/rpc"
import { Effect, Layer, Option, Schema } from "effect"
import { pooledPlan } from "../strategies/plans.ts"
import { makeStrategy } from "../strategies/makeRunner.ts"
import * as defaults from "../defaults.ts"
import { makeGate } from "../gate.ts"
import { checkRetryPolicy, defaultRetryPolicy, retried, type RetryPolicy } from "../sync/retry.ts"
import { SupplierStatus } from "../sync/SupplierStatus.ts"
import { syncProductRange } from "../sync/syncProductRange.ts"
import { FailureGroup, type SyncReport } from "../sync/SyncReport.ts"
import { ClusterRuns } from "./ClusterRuns.ts"
import { mayStart, ShardLeases } from "./leases.ts"
import { pageEntityId } from "./placement.ts"
import { StopRequests } from "./StopRequests.ts"

/** The page message: products `from..to` of run `runId`. */
export const PagePayload = Schema.Struct({
  runId: Schema.String,
  page: Schema.Int,
  /** Chosen by the coordinator so that the page lands on the runner it chose (placement.ts). */
  salt: Schema.Int,
  from: Schema.Int,
  to: Schema.Int,
})

/** What a page answers the coordinator: its part of the run's report. */
export const PageResult = Schema.Struct({
  page: Schema.Int,
  runner: Schema.String,
  updated: Schema.Int,
  failed: Schema.Int,
  /** Of `updated`, the products the run had written before this page (a resumed run's report lists them apart). */
  alreadySynced: Schema.optional(Schema.Int),
  failures: Schema.Array(FailureGroup),
  statements: Schema.Int,
  retries: Schema.Int,
  outages: Schema.Int,
  peakConnections: Schema.Int,
  stoppedBy: Schema.optional(Schema.String),
  /**
   * True when the page's attempt could not be recorded as the page's latest
   * (another runner started the page since, or the bookkeeping was out of
   * reach): a stale answer, which the coordinator ignores and sends again.
   */
  superseded: Schema.optional(Schema.Boolean),
})

export type PageResult = typeof PageResult.Type

/**
 * The entity: one instance per page (`<runId>:<page>`, salted by the
 * placement), one persisted `Sync` message each. The message's primary key is
 * the page, so sending it again (a coordinator that took over) joins the first
 * delivery instead of adding one.
 */
export const SyncPage = Entity.make("SyncPage", [
  Rpc.make("Sync", {
    payload: PagePayload.fields,
    success: PageResult,
    primaryKey: (page) => pageEntityId(page.runId, page.page, page.salt),
  }),
]).annotateRpcs(ClusterSchema.Persisted, true)

/** How a runner works its pages. */
export interface PageWorkerOptions {
  /** Supplier calls in flight on this runner, across all its pages (the worker cap). */
  readonly concurrency: number
  /**
   * Pages this runner works on at once; 6 by default (`defaults.pagesPerRunner`), what the coordinator sends it
   * at most, so one page's tail overlaps the next ones' start and no page waits here.
   */
  readonly pagesAtOnce?: number | undefined
  /** Retries of transient database failures; the sync's default policy by default. */
  readonly retry?: RetryPolicy | undefined
}

/** A page's report as the coordinator needs it (products the run had already written count as updated). */
export const pageResultOf = (page: number, runner: string, report: SyncReport): PageResult => ({
  page,
  runner,
  updated: report.updated + report.alreadySynced,
  failed: report.failed,
  alreadySynced: report.alreadySynced,
  failures: report.failures,
  statements: report.statements,
  retries: report.retries,
  outages: report.outages,
  peakConnections: report.peakConnections,
  ...(report.stoppedBy === undefined ? {} : { stoppedBy: report.stoppedBy }),
})

/** The answer of a page that did not run here (its shard is another runner's): stale, ignored by the coordinator. */
const supersededAnswer = (page: number, runner: string): PageResult => ({
  page,
  runner,
  updated: 0,
  failed: 0,
  failures: [],
  statements: 0,
  retries: 0,
  outages: 0,
  peakConnections: 0,
  superseded: true,
})

/**
 * The handler of {@link SyncPage} on a runner. On a runner with shard
 * leases (leases.ts) a page reads its lease before it records its start, and
 * answers `superseded` without running when another runner holds its shard.
 * Its end is fenced in the database: recorded only while no later attempt of
 * the page exists, in one statement (`endAttempt`), so a runner that stalled
 * past its lease, whose page another runner started since, records nothing
 * and answers `superseded`, which the coordinator ignores. A page whose start
 * or end could not be recorded answers `superseded` too: it answers only what
 * it recorded. Every page on this runner
 * shares one worker cap: the supplier calls of all its pages pass one
 * first-come gate of `concurrency`, so a runner never has more than that many
 * in flight, however many pages it owns; and at most `pagesAtOnce` pages run
 * at once, in the order they arrived. The caller has checked both numbers.
 */
export const layerSyncPage = (options: PageWorkerOptions) =>
  Layer.unwrapEffect(Effect.sync(() => {
    // Made once per runner: the entity's build below runs once per page.
    const workers = makeGate(options.concurrency)
    const pages = makeGate(options.pagesAtOnce ?? defaults.pagesPerRunner)
    return SyncPage.toLayer(Effect.gen(function* () {
      const strategy = makeStrategy(yield* Effect.orDie(pooledPlan({ concurrency: options.concurrency })))
      const address = yield* Entity.CurrentRunnerAddress
      const runner = `${address.host}:${address.port}`
      const shard = (yield* Entity.CurrentAddress).shardId.toString()
      const leases = yield* Effect.serviceOption(ShardLeases)
      const fence = (what: string) =>
        Option.match(leases, {
          onNone: () => Effect.succeed(true),
          onSome: (leases) => mayStart({ leases, shard, runner, what }),
        })
      const runs = yield* ClusterRuns
      const stops = yield* StopRequests
      const supplier = yield* SupplierStatus
      const policy = options.retry ?? defaultRetryPolicy
      const retry = retried(yield* Effect.orDie(checkRetryPolicy(policy)))
      const capped = SupplierStatus.of({ fetch: (id) => workers.withPermit(supplier.fetch(id)) })
      // A page that cannot be recorded is not lost: it answers superseded and the coordinator sends it again.
      const noted = <A>(what: string, effect: Effect.Effect<A, unknown>) =>
        effect.pipe(
          Effect.tapError((error) => Effect.logWarning(`could not record ${what}: ${String(error)}`)),
          Effect.option,
        )
      const record = <A>(what: string, effect: Effect.Effect<A, unknown>) => noted(what, retry(effect))
      return {
        Sync: ({ payload }) =>
          pages.withPermit(Effect.gen(function* () {
            if (!(yield* fence(`page ${payload.page}'s start`))) return supersededAnswer(payload.page, runner)
            const attempt = yield* record("a page start", runs.startAttempt(payload.runId, payload.page, runner))
            const report = yield* syncProductRange({
              strategy,
              from: payload.from,
              to: payload.to,
              runId: payload.runId,
              // A page delivered again, or a resumed run's page, skips what the run wrote: no supplier call for it.
              resumed: true,
              retry: policy,
              interruptWhen: stops.stopped(payload.runId),
            }).pipe(Effect.provideService(SupplierStatus, capped), Effect.orDie)
            const result = pageResultOf(payload.page, runner, report)
            // endAttempt retries itself (it is idempotent): no second retry around it.
            const ended = attempt._tag === "Some"
              ? yield* noted("a page end", runs.endAttempt(attempt.value, result.updated, result.failed, payload))
              : Option.none()
            if (ended._tag === "Some" && ended.value) return result
            yield* Effect.logWarning(
              `page ${payload.page} of run ${payload.runId} on runner ${runner}: ` +
                (ended._tag === "Some"
                  ? "another runner started this page since (this runner stalled past its lease, or was cut off); "
                  : "its attempt could not be recorded; ") +
                "its answer is marked superseded and the coordinator sends the page again",
            )
            return { ...result, superseded: true }
          })),
      }
    }))
  }))
