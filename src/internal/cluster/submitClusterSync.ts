/**
 * The client's side of a run on the cluster: record it, then follow it to its
 * report. The client never joins the cluster; it talks to the database only
 * (one connection), so it can run anywhere the database is reachable.
 *
 * @internal
 */
import { Clock, Data, Duration, Effect, Fiber, Option } from "effect"
import type { Progress } from "../../progress/Progress.ts"
import { finishMany, setTotal } from "../progress/progress.ts"
import type { SyncReport } from "../sync/SyncReport.ts"
import * as defaults from "../defaults.ts"
import { check, effect, finiteDuration, InvalidOptionError, optional, positiveInteger } from "../options/rules.ts"
import { runId } from "../options/rules.ts"
import { checkRunId, newRunId } from "../sync/runId.ts"
import { ClusterRuns } from "./ClusterRuns.ts"

/** No runner took the run up (none is registered, or none answered in time), or none stored its partial report. */
export class ClusterRunStalled extends Data.TaggedError("ClusterRunStalled")<{
  readonly runId: string
  readonly reason: string
}> {
  override get message(): string {
    return `run ${this.runId}: ${this.reason}`
  }
}

/** A run for the cluster, and how the client follows it. */
export interface ClusterSyncOptions {
  /** Sync products 1..products (they must exist: `ensureProducts` first). */
  readonly products: number
  /** Products per page; by default 25, or larger so that the run has at most 400 pages (`products / 400`). */
  readonly pageSize?: number | undefined
  readonly runId?: string | undefined
  /**
   * The id of an earlier cluster run to complete instead of submitting a new
   * one: its products not yet written are synced (those it wrote are skipped
   * and counted as updated), with the same report. `products` and `pageSize`
   * are then the run's own. Fails with `ClusterRunUnknown` for an id the
   * bookkeeping does not know, an `InvalidOptionError` naming `resume`.
   */
  readonly resume?: string | undefined
  /** Advanced as pages end (a page at a time). A resumed run sets its total (a `makeProgress` tracker's) to the run's count. */
  readonly progress?: Progress | undefined
  /** When it completes, the run is asked to stop; its partial report is then awaited as usual. */
  readonly interruptWhen?: Effect.Effect<unknown> | undefined
  /** How often the run's state is read; 50 ms by default (whether a runner is alive: once a second at most). */
  readonly pollInterval?: Duration.DurationInput | undefined
  /** How long no runner may be alive before the client gives up; 15 s by default. */
  readonly noRunnerTimeout?: Duration.DurationInput | undefined
  /** After a stop was asked, how long to wait for the partial report before giving up; 30 s by default. */
  readonly stopTimeout?: Duration.DurationInput | undefined
}

/** Every option, checked before the run is recorded. */
const checked = (options: ClusterSyncOptions) =>
  Effect.all({
    products: check(positiveInteger, "products", options.products),
    pageSize: check(positiveInteger, "pageSize", options.pageSize ?? defaults.clusterPageSizeFor(options.products)),
    runId: Effect.as(checkRunId(options.runId), options.runId),
    resume: check(optional(runId), "resume", options.resume),
    // Checked, but the caller's own (typed) value is the one used.
    interruptWhen: Effect.as(check(optional(effect), "interruptWhen", options.interruptWhen), options.interruptWhen),
    poll: check(finiteDuration, "pollInterval", options.pollInterval ?? defaults.clusterPollInterval),
    patience: check(finiteDuration, "noRunnerTimeout", options.noRunnerTimeout ?? defaults.noRunnerTimeout),
    stopPatience: check(finiteDuration, "stopTimeout", options.stopTimeout ?? defaults.stopTimeout),
  })

/**
 * Submits a run to the cluster and follows it to its report: the same
 * `SyncReport` as a local run, `updated + failed + alreadySynced === products`.
 */
export const submitClusterSync = (options: ClusterSyncOptions) =>
  Effect.gen(function* () {
    const settings = yield* checked(options)
    const runs = yield* ClusterRuns
    const started = yield* Clock.currentTimeMillis
    const id = settings.resume ?? settings.runId ?? (yield* newRunId)
    if (settings.resume === undefined) {
      const { products, pageSize } = settings
      yield* runs.submit({ id, products, pages: Math.ceil(products / pageSize), pageSize }, new Date(started))
    } else {
      const resumed = yield* runs.resume(settings.resume)
      if (Option.isNone(resumed)) {
        return yield* new InvalidOptionError({
          option: "resume",
          value: settings.resume,
          reason: "no cluster run has this id in this database (sync_runs): the id is a cluster run's report's runId " +
            "(a run without --cluster is resumed by `sync --resume`)",
        })
      }
      // The run's own count, not `products`: the tracker counts what the run writes, earlier rounds included.
      yield* setTotal(options.progress, resumed.value.products)
    }

    const patience = Duration.toMillis(settings.patience)
    const stopPatience = Duration.toMillis(settings.stopPatience)
    // A resumed run's counters start where its last round left them.
    let counted = 0
    let stopAsked = false
    let stopSentAt: number | undefined
    let lonelySince: number | undefined
    let livenessAt = Number.NEGATIVE_INFINITY
    let pagesSeen: number | undefined
    const stopSignal = settings.interruptWhen === undefined
      ? undefined
      : yield* Effect.fork(Effect.zipRight(settings.interruptWhen, Effect.sync(() => stopAsked = true)))
    while (true) {
      // One read a poll: the counters and, once stored, the report.
      const { progress: done, report } = yield* runs.follow(id)
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
      // A run whose pages end has a live runner, whatever the heartbeats say: a runner's registration is refreshed
      // on its one shared storage connection, behind its pages' bookkeeping, and lags on a loaded machine.
      const moved = pagesSeen !== undefined && done.pagesDone !== pagesSeen
      pagesSeen = done.pagesDone
      if (moved) lonelySince = undefined
      // Whether a runner is registered: read once a second, not at every poll (the patience is counted in seconds).
      else if (now - livenessAt >= Duration.toMillis(defaults.clusterLivenessInterval)) {
        livenessAt = now
        if ((yield* runs.liveRunners) > 0) lonelySince = undefined
        else if (lonelySince === undefined) lonelySince = now
        else if (now - lonelySince >= patience) {
          return yield* new ClusterRunStalled({
            runId: id,
            reason: `no runner has been alive for ${Duration.format(Duration.millis(now - lonelySince))}; the run ` +
              "stays recorded and the first runner to start picks it up (npm start -- runner --help)",
          })
        }
      }
      yield* Effect.sleep(settings.poll)
    }
  })

// Progress moves by whole pages, in one step: the failed share first, so the bar never claims more updates than there were.
const advance = (
  progress: Progress | undefined,
  delta: number,
  totals: { readonly updated: number; readonly failed: number },
) =>
  progress === undefined || delta <= 0 ? Effect.void : Effect.gen(function* () {
    const snapshot = yield* progress.snapshot
    const failedDelta = Math.max(0, Math.min(delta, totals.failed - snapshot.failed))
    yield* finishMany(progress, delta - failedDelta, failedDelta)
  })
