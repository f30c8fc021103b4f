/**
 * The coordinator near a run's end: a runner's room shrinks from
 * `pagesPerRunner` to `pagesPerRunnerAtEnd` as the pages left per runner run
 * out, so that what each runner still runs alone when the last page goes out
 * is little and the runners end together. In one process, on `TestRunner`
 * with its runner registry exposed (inProcessSupport.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { ClusterRuns } from "poolwise/cluster"
import { driveRun } from "../../../src/internal/cluster/coordinator.ts"
import { counting, pagesOver, watchedRuns } from "./inProcessSupport.ts"

describe("dispatch: near the run's end a runner holds fewer pages, so the runners end together", () => {
  // On the live clock, as above: it asserts counts of pages open, not durations.
  it.live("the last page goes out only once its runner holds at most pagesPerRunnerAtEnd pages; earlier, its full window", () =>
    Effect.gen(function* () {
      const store = counting(100, 100)
      const run = { id: "run-end", products: 100, pages: 10, pageSize: 10 }
      let open = 0
      const openAtStart = new Map<number, number>()
      const watched = watchedRuns((page) => openAtStart.set(page, ++open), () => open--)
      const report = yield* Effect.gen(function* () {
        const runs = yield* ClusterRuns
        yield* runs.submit(run, new Date(0))
        return yield* driveRun(run, { concurrency: 8, pagesPerRunner: 6 })
      }).pipe(
        Effect.provide(
          pagesOver(store.layer, watched),
        ),
      )
      expect(report).toMatchObject({ updated: 100, failed: 0 })
      // The first pages fill the window of 6 (a page takes 200 ms here, placing one takes none).
      expect(Math.max(...openAtStart.values())).toBe(6)
      // One runner, one page left: room for 3 + 1, so it started beside at most 3 others (6 before this rule).
      expect(openAtStart.get(10)).toBeLessThanOrEqual(4)
      expect(openAtStart.get(9)).toBeLessThanOrEqual(5)
    }))
})
