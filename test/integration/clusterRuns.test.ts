/**
 * The cluster's bookkeeping in the real MariaDB (ClusterRuns.layerSql):
 * progress read from the run's counters (one row, whatever the number of
 * pages), each page counted once by its latest ended attempt, an attempt
 * ended twice counted once, and a run that ended short resumed as a new
 * round while a run under way or unknown is not.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { ClusterRuns } from "poolwise/cluster"
import { layerMysql, migrate } from "poolwise/sql"
import type { SyncReport } from "poolwise/sync"
import { openHarness } from "./harness.ts"

const harness = await openHarness("clusterruns")

const reportOf = (runId: string, products: number, updated: number): SyncReport => ({
  strategy: "pooled",
  limit: 20,
  write: "row",
  batchSize: 1,
  products,
  updated,
  failed: products - updated,
  alreadySynced: 0,
  failures: updated === products
    ? []
    : [{ reason: "interrupted", count: products - updated, ids: [[updated + 1, products]] }],
  statements: updated,
  retries: 0,
  outages: 0,
  elapsedMs: 1,
  peakConnections: 1,
  runId,
  resumed: false,
})

describe.skipIf(harness === undefined)("the cluster's bookkeeping in MariaDB", () => {
  const h = harness!
  afterAll(() => h.cleanup())
  const stack = Layer.provideMerge(
    ClusterRuns.layerSql,
    Layer.effectDiscard(migrate).pipe(Layer.provideMerge(layerMysql({ url: h.url(), poolSize: 4 }))),
  )

  it.live("progress is the run's counters: a page run twice counts once, by its latest attempt; an attempt ended twice counts once", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const run = { id: "counters", products: 30, pages: 3, pageSize: 10 }
      yield* runs.submit(run, new Date())
      expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 0, updated: 0, failed: 0 })
      const cutOff = yield* runs.startAttempt(run.id, 1, "a:1")
      const second = yield* runs.startAttempt(run.id, 2, "a:1")
      yield* runs.endAttempt(second, 10, 0)
      yield* runs.endAttempt(second, 10, 0)
      const again = yield* runs.startAttempt(run.id, 1, "b:1")
      yield* runs.endAttempt(again, 4, 6)
      expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 2, updated: 14, failed: 6 })
      const redelivered = yield* runs.startAttempt(run.id, 1, "b:1")
      yield* runs.endAttempt(redelivered, 10, 0)
      yield* runs.startAttempt("other", 3, "a:1").pipe(Effect.flatMap((other) => runs.endAttempt(other, 10, 0)))
      expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 2, updated: 20, failed: 0 })
      expect((yield* runs.attempts(run.id)).map((a) => a.endedAt === null)).toEqual([true, false, false, false])
      expect(cutOff).toBeGreaterThan(0)
    }).pipe(Effect.provide(stack)))

  it.live.each([["read back from the attempt", false], ["given by the page's handler", true]] as const)(
    "the fence (run and page %s): an attempt ends only while no later attempt of its page exists (one statement); a superseded end records nothing and answers false",
    ([, given]) =>
      Effect.gen(function* () {
        const bookkeeping = yield* ClusterRuns
        const run = { id: given ? "fenced-given" : "fenced", products: 20, pages: 2, pageSize: 10 }
        const pageOf = new Map<number, number>()
        const runs = {
          ...bookkeeping,
          startAttempt: (runId: string, page: number, runner: string) =>
            Effect.tap(bookkeeping.startAttempt(runId, page, runner), (attempt) => pageOf.set(attempt, page)),
          endAttempt: (attempt: number, updated: number, failed: number) =>
            bookkeeping.endAttempt(
              attempt,
              updated,
              failed,
              given ? { runId: run.id, page: pageOf.get(attempt)! } : undefined,
            ),
        }
        yield* runs.submit(run, new Date())
        // Runner a:1 starts page 1, freezes; b:1 takes the page over and starts it again.
        const stale = yield* runs.startAttempt(run.id, 1, "a:1")
        const current = yield* runs.startAttempt(run.id, 1, "b:1")
        // a:1 comes back before b:1 ended: refused, nothing recorded.
        expect(yield* runs.endAttempt(stale, 10, 0)).toBe(false)
        expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 0, updated: 0, failed: 0 })
        expect(yield* runs.endAttempt(current, 10, 0)).toBe(true)
        // ... or after: still refused, the counters are b:1's.
        expect(yield* runs.endAttempt(stale, 3, 7)).toBe(false)
        // A retry of an end that was recorded (a lost reply) is recorded, and counts once.
        expect(yield* runs.endAttempt(current, 10, 0)).toBe(true)
        expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 1, updated: 10, failed: 0 })
        expect((yield* runs.attempts(run.id)).map((a) => [a.runner, a.endedAt === null])).toEqual([
          ["a:1", true],
          ["b:1", false],
        ])
        // Another page's later attempts do not fence this one.
        const other = yield* runs.startAttempt(run.id, 2, "a:1")
        yield* runs.startAttempt(run.id, 1, "c:1")
        expect(yield* runs.endAttempt(other, 10, 0)).toBe(true)
      }).pipe(Effect.provide(stack)),
  )

  it.live("attempts that end at once, several of one page among them, count each page once and lose none", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const run = { id: "together", products: 200, pages: 20, pageSize: 10 }
      yield* runs.submit(run, new Date())
      const ids = yield* Effect.forEach(
        [...Array.from({ length: 20 }, (_, i) => i + 1), 1, 1, 2],
        (page) => runs.startAttempt(run.id, page, "a:1"),
      )
      yield* Effect.forEach(ids, (id) => runs.endAttempt(id, 10, 0), { concurrency: 4 })
      expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 20, updated: 200, failed: 0 })
    }).pipe(Effect.provide(stack)))

  it.live("resume: a run that ended short becomes pending again as its next round, placements cleared; unknown ids and local runs are none", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const run = { id: "short", products: 20, pages: 2, pageSize: 10 }
      yield* runs.submit(run, new Date())
      yield* runs.placePage(run.id, 1, 5)
      // Under way: followed as it is, not a new round.
      expect(yield* runs.resume(run.id)).toEqual(Option.some({ ...run, round: 0 }))
      yield* runs.finish(run.id, reportOf(run.id, 20, 12))
      expect((yield* runs.pending).map((r) => r.id)).not.toContain(run.id)
      expect(yield* runs.resume(run.id)).toEqual(Option.some({ ...run, round: 1 }))
      expect(yield* runs.pending).toContainEqual({ ...run, round: 1 })
      expect(yield* runs.placedPages(run.id)).toEqual([])
      expect(yield* runs.reportOf(run.id)).toEqual(Option.none())
      // The second round completes it: resuming it again changes nothing.
      yield* runs.finish(run.id, reportOf(run.id, 20, 20))
      expect(yield* runs.resume(run.id)).toEqual(Option.some({ ...run, round: 1 }))
      expect(Option.map(yield* runs.reportOf(run.id), (r) => r.updated)).toEqual(Option.some(20))
      expect(yield* runs.resume("never-submitted")).toEqual(Option.none())
      yield* Effect.promise(() =>
        h.admin.query(`INSERT INTO \`${h.database}\`.sync_runs (id, products, started_at) VALUES ('local', 5, NOW(3))`)
      )
      expect(yield* runs.resume("local")).toEqual(Option.none())
    }).pipe(Effect.provide(stack)))
})
