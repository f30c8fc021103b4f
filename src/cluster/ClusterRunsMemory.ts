/**
 * {@link ClusterRuns} in memory: what the in-process tests of the entity and
 * the coordinator run on (with `TestRunner`), and a readable model of the
 * SQL version's queries.
 *
 * @since 0.3.0
 */
import { Effect, Option } from "effect"
import type { SyncReport } from "../sync/SyncReport.ts"
import type { ClusterRun, ClusterRuns, PageAttempt } from "./ClusterRuns.ts"

interface Attempt extends PageAttempt {
  readonly id: number
  readonly runId: string
}

/**
 * @since 0.3.0
 * @category constructors
 */
export const makeMemoryRuns = (): ClusterRuns["Type"] => {
  const runs = new Map<
    string,
    { run: ClusterRun; stop: boolean; report: SyncReport | undefined; salts: Map<number, number> }
  >()
  const attempts: Array<Attempt> = []
  const ended = (runId: string) => {
    const byPage = new Map<number, Attempt>()
    for (const a of attempts) if (a.runId === runId && a.endedAt !== null) byPage.set(a.page, a)
    return [...byPage.values()]
  }
  return {
    submit: (run) =>
      Effect.sync(() => void runs.set(run.id, { run, stop: false, report: undefined, salts: new Map() })),
    pending: Effect.sync(() => [...runs.values()].filter((r) => r.report === undefined).map((r) => r.run)),
    placePage: (runId, page, salt) =>
      Effect.sync(() => {
        const salts = runs.get(runId)?.salts
        if (salts === undefined) return salt
        if (!salts.has(page)) salts.set(page, salt)
        return salts.get(page)!
      }),
    placedPages: (runId) =>
      Effect.sync(() =>
        [...(runs.get(runId)?.salts ?? new Map<number, number>())].map(([page, salt]) => ({ page, salt }))
          .sort((a, b) => a.page - b.page)
      ),
    requestStop: (runId) =>
      Effect.sync(() => {
        const entry = runs.get(runId)
        if (entry !== undefined) entry.stop = true
      }),
    stopRequested: Effect.sync(() =>
      [...runs.values()].filter((r) => r.report === undefined && r.stop).map((r) => r.run.id)
    ),
    startAttempt: (runId, page, runner) =>
      Effect.map(Effect.clockWith((clock) => clock.currentTimeMillis), (now) => {
        attempts.push({
          id: attempts.length + 1,
          runId,
          page,
          runner,
          startedAt: new Date(now),
          endedAt: null,
          updated: null,
          failed: null,
        })
        return attempts.length
      }),
    endAttempt: (id, updated, failed) =>
      Effect.map(Effect.clockWith((clock) => clock.currentTimeMillis), (now) => {
        const a = attempts[id - 1]
        if (a !== undefined) attempts[id - 1] = { ...a, endedAt: new Date(now), updated, failed }
      }),
    progress: (runId) =>
      Effect.sync(() => {
        const done = ended(runId)
        return {
          pagesDone: done.length,
          updated: done.reduce((sum, a) => sum + (a.updated ?? 0), 0),
          failed: done.reduce((sum, a) => sum + (a.failed ?? 0), 0),
        }
      }),
    attempts: (runId) => Effect.sync(() => attempts.filter((a) => a.runId === runId)),
    finish: (runId, report) =>
      Effect.sync(() => {
        const entry = runs.get(runId)
        if (entry !== undefined && entry.report === undefined) entry.report = report
      }),
    reportOf: (runId) => Effect.sync(() => Option.fromNullable(runs.get(runId)?.report)),
    liveRunners: Effect.succeed(1),
  }
}
