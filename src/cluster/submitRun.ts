/**
 * The client's side of a run on the cluster: record it, then follow it to its
 * report. The client never joins the cluster; it talks to the database only
 * (one connection), so it can run anywhere the database is reachable.
 *
 * @since 0.3.0
 */
import { Clock, Data, Duration, Effect, Fiber, Option } from "effect"
import * as defaults from "../internal/defaults.ts"
import { checkRunId, newRunId } from "../internal/sync/runId.ts"
import type { Progress } from "../progress/Progress.ts"
import { positiveInteger } from "../strategies/InvalidOptionError.ts"
import type { SyncReport } from "../sync/SyncReport.ts"
import { ClusterRuns } from "./ClusterRuns.ts"

/**
 * Products per page when none is given: small enough that pages spread
 * evenly over the runners' shards, large enough that the cluster's own
 * statements (about a dozen per page) stay a small share of the work.
 *
 * @since 0.3.0
 * @category defaults
 */
export const defaultClusterPageSize: number = defaults.clusterPageSize

/**
 * No runner took the run up: none is registered, or none answered in time.
 *
 * @since 0.3.0
 * @category errors
 */
export class ClusterRunStalled extends Data.TaggedError("ClusterRunStalled")<{
  readonly runId: string
  readonly reason: string
}> {
  override get message(): string {
    return `run ${this.runId}: ${this.reason}`
  }
}

/**
 * @since 0.3.0
 * @category models
 */
export interface ClusterSyncOptions {
  /** Sync products 1..products (they must exist: `ensureProducts` first). */
  readonly products: number
  /** Products per page; {@link defaultClusterPageSize}. */
  readonly pageSize?: number | undefined
  readonly runId?: string | undefined
  /** Advanced as pages end (a page at a time). */
  readonly progress?: Progress | undefined
  /** When it completes, the run is asked to stop; its partial report is then awaited as usual. */
  readonly interruptWhen?: Effect.Effect<unknown> | undefined
  /** How often the run's state is read; 250 ms by default. */
  readonly pollInterval?: Duration.DurationInput | undefined
  /** How long no runner may be alive before the client gives up; 15 s by default. */
  readonly noRunnerTimeout?: Duration.DurationInput | undefined
  /** After a stop was asked, how long to wait for the partial report before giving up; 30 s by default. */
  readonly stopTimeout?: Duration.DurationInput | undefined
}

/**
 * Submits a run to the cluster and follows it to its report: the same
 * {@link SyncReport} as a local run, `updated + failed === products`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ClusterRuns, submitClusterSync } from "poolwise/cluster"
 *
 * const report = submitClusterSync({ products: 2000, pageSize: 25 }).pipe(Effect.provide(ClusterRuns.layerMemory))
 * ```
 *
 * @since 0.3.0
 * @category client
 */
export const submitClusterSync = (options: ClusterSyncOptions) =>
  Effect.gen(function* () {
    const products = yield* positiveInteger("products", options.products)
    const pageSize = yield* positiveInteger("pageSize", options.pageSize ?? defaultClusterPageSize)
    yield* checkRunId(options.runId)
    const runs = yield* ClusterRuns
    const id = options.runId ?? (yield* newRunId)
    const started = yield* Clock.currentTimeMillis
    yield* runs.submit({ id, products, pages: Math.ceil(products / pageSize), pageSize }, new Date(started))

    const poll = Duration.decode(options.pollInterval ?? defaults.clusterPollInterval)
    const patience = Duration.toMillis(options.noRunnerTimeout ?? defaults.noRunnerTimeout)
    let counted = 0
    let stopAsked = false
    let lonelySince: number | undefined
    const stopSignal = options.interruptWhen === undefined
      ? undefined
      : yield* Effect.fork(Effect.zipRight(options.interruptWhen, Effect.sync(() => stopAsked = true)))
    let stopSentAt: number | undefined
    const stopPatience = Duration.toMillis(options.stopTimeout ?? defaults.stopTimeout)
    while (true) {
      const report = yield* runs.reportOf(id)
      if (Option.isSome(report)) {
        yield* advance(options.progress, report.value.updated + report.value.failed - counted, report.value)
        if (stopSignal !== undefined) yield* Fiber.interrupt(stopSignal)
        const elapsedMs = (yield* Clock.currentTimeMillis) - started
        return { ...report.value, elapsedMs } satisfies SyncReport
      }
      if (stopAsked && stopSentAt === undefined) {
        yield* runs.requestStop(id)
        stopSentAt = yield* Clock.currentTimeMillis
      }
      const done = yield* runs.progress(id)
      yield* advance(options.progress, done.updated + done.failed - counted, done)
      counted = Math.max(counted, done.updated + done.failed)
      const now = yield* Clock.currentTimeMillis
      if (stopSentAt !== undefined && now - stopSentAt >= stopPatience) {
        return yield* new ClusterRunStalled({
          runId: id,
          reason: `asked to stop, but no report came within ${Duration.format(Duration.millis(now - stopSentAt))}; ` +
            "the runners store it when its pages end (sync_runs.report)",
        })
      }
      if ((yield* runs.liveRunners) > 0) lonelySince = undefined
      else if (lonelySince === undefined) lonelySince = now
      else if (now - lonelySince >= patience) {
        return yield* new ClusterRunStalled({
          runId: id,
          reason: `no runner has been alive for ${Duration.format(Duration.millis(now - lonelySince))}; the run ` +
            "stays recorded and the first runner to start picks it up (npm start -- runner --help)",
        })
      }
      yield* Effect.sleep(poll)
    }
  })

// Progress moves by whole pages: the failed share first, so the bar never claims more updates than there were.
const advance = (
  progress: Progress | undefined,
  delta: number,
  totals: { readonly updated: number; readonly failed: number },
) =>
  progress === undefined || delta <= 0 ? Effect.void : Effect.gen(function* () {
    const snapshot = yield* progress.snapshot
    const failedDelta = Math.max(0, Math.min(delta, totals.failed - snapshot.failed))
    for (let i = 0; i < delta; i++) {
      yield* progress.begin
      yield* progress.end(i >= failedDelta)
    }
  })
