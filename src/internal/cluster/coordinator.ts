/**
 * The coordinator: a cluster singleton (exactly one runner hosts it at a
 * time; when that runner dies, another takes it over) that finds the runs
 * clients submitted, hands their pages to the `SyncPage` entities
 * (dispatch.ts), waits for every page's answer and stores the run's report.
 *
 * A coordinator that takes over sends the pages already placed again: each
 * page message has a primary key, so a page already delivered is joined (its
 * answer, if any, comes back at once), never run a second time.
 *
 * @internal
 */
import { Singleton } from "@effect/cluster"
import { Cause, Clock, type Duration, Effect, Schedule } from "effect"
import * as defaults from "../defaults.ts"
import { retriedByDefault } from "../sync/retry.ts"
import type { FailureGroup, SyncReport } from "../sync/SyncReport.ts"
import { ClusterRuns } from "./ClusterRuns.ts"
import { dispatchPages } from "./dispatch.ts"
import type { ClusterRun } from "./records.ts"
import type { PageResult } from "./SyncPage.ts"

export { pagesOf } from "./pages.ts"

/**
 * The run's report, folded from its pages' answers as they come (in any
 * order): counts add up, failures of the same reason join one group (adjacent
 * id ranges merged). It keeps totals and failure ranges only, never the
 * answers: the coordinator's memory grows with the failures, not the pages.
 */
export const makeReportFold = (run: ClusterRun) => {
  const groups = new Map<
    string,
    { group: Omit<FailureGroup, "count" | "ids">; count: number; ids: Array<[number, number]> }
  >()
  let updated = 0, failed = 0, already = 0, statements = 0, retries = 0, outages = 0, peak = 0
  let stoppedBy: { readonly page: number; readonly by: string } | undefined
  const add = (result: PageResult) => {
    updated += result.updated
    failed += result.failed
    already += result.alreadySynced ?? 0
    statements += result.statements
    retries += result.retries
    outages += result.outages
    peak = Math.max(peak, result.peakConnections)
    if (result.stoppedBy !== undefined && (stoppedBy === undefined || result.page < stoppedBy.page)) {
      stoppedBy = { page: result.page, by: result.stoppedBy }
    }
    for (const failure of result.failures) {
      const key = `${failure.reason}\u0000${failure.errno ?? ""}\u0000${failure.code ?? ""}`
      const { count: _count, ids: _ids, ...group } = failure
      const entry = groups.get(key) ?? { group, count: 0, ids: [] }
      groups.set(key, entry)
      entry.count += failure.count
      for (const [from, to] of failure.ids) entry.ids.push([from, to])
    }
  }
  const merged = (ids: ReadonlyArray<[number, number]>) => {
    const out: Array<[number, number]> = []
    for (const [from, to] of [...ids].sort((a, b) => a[0] - b[0])) {
      const last = out[out.length - 1]
      if (last !== undefined && last[1] + 1 === from) last[1] = to
      else out.push([from, to])
    }
    return out
  }
  // A resumed round lists the products earlier rounds wrote apart, as a local resumed run does.
  const resumed = (run.round ?? 0) > 0
  const report = (extra: { readonly concurrency: number; readonly elapsedMs: number }): SyncReport => ({
    strategy: "pooled",
    limit: extra.concurrency,
    write: "row",
    batchSize: 1,
    products: run.products,
    updated: resumed ? updated - already : updated,
    failed,
    alreadySynced: resumed ? already : 0,
    failures: [...groups.values()].map((entry) => ({ ...entry.group, count: entry.count, ids: merged(entry.ids) })),
    statements,
    retries,
    outages,
    elapsedMs: extra.elapsedMs,
    peakConnections: peak,
    ...(stoppedBy === undefined ? {} : { stoppedBy: stoppedBy.by }),
    runId: run.id,
    resumed,
  })
  return { add, report }
}

/** The run's report from its pages' answers (any order): {@link makeReportFold} over all of them. */
export const combinePages = (
  run: ClusterRun,
  results: ReadonlyArray<PageResult>,
  extra: { readonly concurrency: number; readonly elapsedMs: number },
): SyncReport => {
  const fold = makeReportFold(run)
  for (const result of results) fold.add(result)
  return fold.report(extra)
}

/** How the coordinator drives runs. */
export interface CoordinatorOptions {
  /** The runners' worker cap, for the report. */
  readonly concurrency: number
  /** Pages in flight per runner; 6 by default (`defaults.pagesPerRunner`). Match the runners' `pagesAtOnce`. */
  readonly pagesPerRunner?: number | undefined
  /** How often it looks for newly submitted runs; 100 ms by default (`defaults.coordinatorPollInterval`). */
  readonly pollInterval?: Duration.DurationInput | undefined
}

/** Drives one run to its report: the pages handed out a few at a time per runner, every answer awaited, the report stored. */
export const driveRun = (run: ClusterRun, options: Pick<CoordinatorOptions, "concurrency" | "pagesPerRunner">) =>
  Effect.gen(function* () {
    const runs = yield* ClusterRuns
    const started = yield* Clock.currentTimeMillis
    const fold = makeReportFold(run)
    yield* dispatchPages(run, fold.add, { pagesPerRunner: options.pagesPerRunner })
    const elapsedMs = (yield* Clock.currentTimeMillis) - started
    const report = fold.report({ concurrency: options.concurrency, elapsedMs })
    yield* retriedByDefault(runs.finish(run.id, report))
    return report
  })

/** The coordinator singleton: polls for pending runs and drives each one, once per runner that hosts it. */
export const layerCoordinator = (options: CoordinatorOptions) =>
  Singleton.make(
    "poolwise/SyncCoordinator",
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const driving = new Set<string>()
      yield* Effect.logInfo("coordinator started")
      const tick = runs.pending.pipe(
        Effect.flatMap((pending) =>
          Effect.forEach(pending.filter((run) => !driving.has(run.id)), (run) => {
            driving.add(run.id)
            return Effect.forkScoped(
              driveRun(run, options).pipe(
                Effect.catchAllCause((cause) => Effect.logError(`run ${run.id}: ${Cause.pretty(cause)}`)),
                Effect.ensuring(Effect.sync(() => driving.delete(run.id))),
              ),
            )
          })
        ),
        Effect.catchAll((error) => Effect.logWarning(`could not list pending runs: ${error.message}`)),
      )
      yield* Effect.repeat(tick, Schedule.spaced(options.pollInterval ?? defaults.coordinatorPollInterval))
    }).pipe(Effect.scoped),
  )
