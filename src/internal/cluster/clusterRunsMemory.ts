/**
 * `ClusterRuns` in memory, for tests only: what the in-process tests of the
 * page entity and the coordinator run on (with `TestRunner`), and a readable
 * model of the SQL version's queries. Nothing persists, and a runner always
 * counts as alive.
 *
 * Each run keeps its own attempts and running totals, so `progress` is O(1)
 * and `attempts` O(attempts of that run), whatever else was recorded.
 *
 * @internal
 */
import { Clock, Effect, Option } from "effect"
import type { SyncReport } from "../sync/SyncReport.ts"
import type { ClusterRun, PageAttempt, RunProgress } from "./records.ts"

interface Submitted {
  run: ClusterRun
  stop: boolean
  report: SyncReport | undefined
  readonly salts: Map<number, number>
}

/** A run's attempts, kept whether or not the run was submitted here (as the SQL table, which has no foreign key). */
interface Attempts {
  readonly list: Array<PageAttempt>
  /** Per page that ended: what its latest ended attempt counted (as the SQL version), so a page run twice counts once. */
  readonly ended: Map<number, { readonly updated: number; readonly failed: number }>
  progress: RunProgress
}

const noProgress: RunProgress = { pagesDone: 0, updated: 0, failed: 0 }

/** Makes the in-memory bookkeeping; its shape is checked against `ClusterRunsService` where the layer is built. */
export const makeClusterRunsMemory = () => {
  const runs = new Map<string, Submitted>()
  const attemptsByRun = new Map<string, Attempts>()
  /** Attempt ids count from 1 across runs, as the SQL version's AUTO_INCREMENT: where each one is. */
  const attemptAt: Array<{ readonly of: Attempts; readonly index: number }> = []
  const now = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis))
  const attemptsOf = (runId: string) => {
    const known = attemptsByRun.get(runId)
    if (known !== undefined) return known
    const made: Attempts = { list: [], ended: new Map(), progress: noProgress }
    attemptsByRun.set(runId, made)
    return made
  }
  return {
    submit: (run: ClusterRun, _at: Date) =>
      Effect.sync(() => void runs.set(run.id, { run, stop: false, report: undefined, salts: new Map() })),
    pending: Effect.sync(() => [...runs.values()].filter((r) => r.report === undefined).map((r) => r.run)),
    placePage: (runId: string, page: number, salt: number) =>
      Effect.sync(() => {
        const salts = runs.get(runId)?.salts
        if (salts === undefined) return salt
        if (!salts.has(page)) salts.set(page, salt)
        return salts.get(page)!
      }),
    replacePage: (runId: string, page: number, from: number, to: number) =>
      Effect.sync(() => {
        const salts = runs.get(runId)?.salts
        if (salts === undefined) return to
        if (salts.get(page) === from) salts.set(page, to)
        return salts.get(page) ?? to
      }),
    placedPages: (runId: string) =>
      Effect.sync(() =>
        [...(runs.get(runId)?.salts ?? new Map<number, number>())].map(([page, salt]) => ({ page, salt }))
          .sort((a, b) => a.page - b.page)
      ),
    requestStop: (runId: string) =>
      Effect.sync(() => {
        const submitted = runs.get(runId)
        if (submitted !== undefined) submitted.stop = true
      }),
    stopRequested: Effect.sync(() =>
      [...runs.values()].filter((r) => r.report === undefined && r.stop).map((r) => r.run.id)
    ),
    startAttempt: (runId: string, page: number, runner: string) =>
      Effect.map(now, (startedAt) => {
        const of = attemptsOf(runId)
        const index = of.list.push({ page, runner, startedAt, endedAt: null, updated: null, failed: null }) - 1
        return attemptAt.push({ of, index })
      }),
    endAttempt: (id: number, updated: number, failed: number) =>
      Effect.map(now, (endedAt) => {
        const where = attemptAt[id - 1]
        if (where === undefined) return true
        const { of, index } = where
        const attempt = of.list[index]!
        if (attempt.endedAt !== null) return true
        // Fenced as the SQL one is: a later attempt of the page supersedes this one.
        if (of.list.some((other, at) => at > index && other.page === attempt.page)) return false
        of.list[index] = { ...attempt, endedAt, updated, failed }
        const before = of.ended.get(attempt.page)
        of.ended.set(attempt.page, { updated, failed })
        of.progress = {
          pagesDone: of.progress.pagesDone + (before === undefined ? 1 : 0),
          updated: of.progress.updated + updated - (before?.updated ?? 0),
          failed: of.progress.failed + failed - (before?.failed ?? 0),
        }
        return true
      }),
    progress: (runId: string) => Effect.sync(() => attemptsByRun.get(runId)?.progress ?? noProgress),
    attempts: (runId: string) =>
      Effect.sync((): ReadonlyArray<PageAttempt> => [...attemptsByRun.get(runId)?.list ?? []]),
    finish: (runId: string, report: SyncReport) =>
      Effect.sync(() => {
        const submitted = runs.get(runId)
        if (submitted !== undefined && submitted.report === undefined) submitted.report = report
      }),
    resume: (runId: string) =>
      Effect.sync(() => {
        const submitted = runs.get(runId)
        if (submitted === undefined) return Option.none<ClusterRun>()
        const { report, run } = submitted
        if (report === undefined || report.updated === run.products) return Option.some(run)
        submitted.run = { ...run, round: (run.round ?? 0) + 1 }
        submitted.report = undefined
        submitted.stop = false
        submitted.salts.clear()
        return Option.some(submitted.run)
      }),
    reportOf: (runId: string) => Effect.sync(() => Option.fromNullable(runs.get(runId)?.report)),
    follow: (runId: string) =>
      Effect.sync(() => ({
        progress: attemptsByRun.get(runId)?.progress ?? noProgress,
        report: Option.fromNullable(runs.get(runId)?.report),
      })),
    liveRunners: Effect.succeed(1),
  }
}
