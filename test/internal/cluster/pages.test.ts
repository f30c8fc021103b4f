/**
 * The coordinator's arithmetic, without a cluster: pages that cover a run
 * once, salts that land a page on the runner it chose, pages' answers
 * combined into one report, the stored report decoded (not trusted) when read
 * back, and the bookkeeping's progress counting a page that ran twice once.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Option } from "effect"
import { ClusterRuns } from "poolwise/cluster"
import { combinePages, pagesOf } from "../../../src/internal/cluster/coordinator.ts"
import { pageEntityId, saltFor } from "../../../src/internal/cluster/placement.ts"
import { decodeStoredReport } from "../../../src/internal/cluster/clusterRunsSql.ts"
import type { PageResult } from "../../../src/internal/cluster/SyncPage.ts"

const run = { id: "r", products: 30, pages: 3, pageSize: 10 }

const pageWith = (n: number, failed: ReadonlyArray<readonly [number, number]>): PageResult => {
  const count = failed.reduce((sum, [from, to]) => sum + to - from + 1, 0)
  return {
    page: n,
    runner: "a:1",
    updated: 10 - count,
    failed: count,
    failures: failed.length === 0 ? [] : [{ reason: "supplier status: 503", count, ids: failed }],
    statements: 10,
    retries: 0,
    outages: 0,
    peakConnections: 2,
  }
}

describe("pages: a run cut into ranges that cover every product once", () => {
  it("pagesOf covers 1..products with pages of pageSize, the last one shorter", () => {
    const pages = pagesOf({ products: 103, pageSize: 25 })
    expect(pages.map((p) => [p.from, p.to])).toEqual([[1, 25], [26, 50], [51, 75], [76, 100], [101, 103]])
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5])
  })

  it("saltFor gives page k an id that lands on the runner chosen for it, so chosen shares hold (26/27/27 of 80)", () => {
    const runners = ["a:1", "b:1", "c:1"]
    // A stand-in for the hash ring: any deterministic spread of ids over runners.
    const ownerOf = (id: string) => runners[[...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 3]
    const owners = { runners, ownerOf }
    const perRunner = new Map<string, number>()
    for (let page = 1; page <= 80; page++) {
      const target = runners[(page - 1) % 3]!
      const owner = ownerOf(pageEntityId("run-x", page, saltFor("run-x", page, target, owners)))!
      expect(owner).toBe(target)
      perRunner.set(owner, (perRunner.get(owner) ?? 0) + 1)
    }
    expect([...perRunner.values()].sort()).toEqual([26, 27, 27])
  })

  it("saltFor keeps salt 0 (the plain id) when there is no target or no salt reaches it", () => {
    const owners = { runners: ["a:1", "b:1"], ownerOf: () => "a:1" }
    expect(saltFor("run", 1, undefined, owners)).toBe(0)
    expect(saltFor("run", 1, "b:1", owners)).toBe(0)
    expect(pageEntityId("run", 1, 0)).toBe("run:1")
    expect(pageEntityId("run", 1, 5)).toBe("run:1~5")
  })
})

describe("the run's report: the pages' answers combined, and decoded when read back", () => {
  it("combinePages adds the pages up and joins one reason's failures across pages into merged id ranges", () => {
    const report = combinePages(run, [pageWith(2, [[19, 20]]), pageWith(1, [[4, 4]]), pageWith(3, [[21, 22]])], {
      concurrency: 20,
      elapsedMs: 5,
    })
    expect(report.updated + report.failed).toBe(30)
    expect(report.failures).toEqual([{ reason: "supplier status: 503", count: 5, ids: [[4, 4], [19, 22]] }])
    expect(report.statements).toBe(30)
  })

  it.effect("a stored report decodes to the report that was stored", () =>
    Effect.gen(function* () {
      const stored = combinePages(run, [pageWith(1, [[4, 4]]), pageWith(2, []), pageWith(3, [])], {
        concurrency: 20,
        elapsedMs: 5,
      })
      expect(yield* decodeStoredReport(JSON.stringify(stored))).toEqual(stored)
    }))

  it.effect("a malformed stored report is a ParseError naming the field, not a report with holes", () =>
    Effect.gen(function* () {
      const stored = combinePages(run, [pageWith(1, [])], { concurrency: 20, elapsedMs: 5 })
      const broken = yield* Effect.either(decodeStoredReport(JSON.stringify({ ...stored, updated: "ten" })))
      expect(Either.isLeft(broken)).toBe(true)
      if (Either.isLeft(broken)) {
        expect(broken.left._tag).toBe("ParseError")
        expect(broken.left.message).toContain("updated")
      }
      expect(Either.isLeft(yield* Effect.either(decodeStoredReport("not json")))).toBe(true)
    }))
})

describe("the bookkeeping in memory (tests only) keeps the SQL version's counting", () => {
  it.effect("progress counts a page that ran twice once, by its latest ended attempt; an attempt ended twice counts once", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      yield* runs.submit(run, new Date(0))
      const cutOff = yield* runs.startAttempt(run.id, 1, "a:1")
      const first = yield* runs.startAttempt(run.id, 2, "a:1")
      yield* runs.endAttempt(first, 10, 0)
      const again = yield* runs.startAttempt(run.id, 1, "b:1")
      yield* runs.endAttempt(again, 9, 1)
      const redelivered = yield* runs.startAttempt(run.id, 1, "b:1")
      expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 2, updated: 19, failed: 1 })
      yield* runs.endAttempt(redelivered, 10, 0)
      yield* runs.endAttempt(redelivered, 3, 7)
      yield* runs.startAttempt("other", 1, "a:1")
      expect(yield* runs.progress(run.id)).toEqual({ pagesDone: 2, updated: 20, failed: 0 })
      const attempts = yield* runs.attempts(run.id)
      expect(attempts.map((a) => [a.page, a.runner, a.endedAt === null])).toEqual([
        [1, "a:1", true],
        [2, "a:1", false],
        [1, "b:1", false],
        [1, "b:1", false],
      ])
      expect(cutOff).toBe(1)
      expect(yield* runs.reportOf(run.id)).toEqual(Option.none())
    }).pipe(Effect.provide(ClusterRuns.layerMemory)))
})

describe("resume in the bookkeeping (memory, as the SQL version)", () => {
  it.effect("a run that ended short is pending again as its next round, its placements cleared; unknown ids are none", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      yield* runs.submit(run, new Date(0))
      yield* runs.placePage(run.id, 1, 4)
      expect(yield* runs.resume(run.id)).toEqual(Option.some(run))
      yield* runs.finish(run.id, combinePages(run, [pageWith(1, [[4, 4]])], { concurrency: 20, elapsedMs: 5 }))
      expect(yield* runs.pending).toEqual([])
      expect(yield* runs.resume(run.id)).toEqual(Option.some({ ...run, round: 1 }))
      expect(yield* runs.pending).toEqual([{ ...run, round: 1 }])
      expect(yield* runs.placedPages(run.id)).toEqual([])
      expect(yield* runs.resume("unknown")).toEqual(Option.none())
    }).pipe(Effect.provide(ClusterRuns.layerMemory)))

  it("a resumed round's report says resumed; the first round's does not", () => {
    expect(combinePages(run, [pageWith(1, [])], { concurrency: 20, elapsedMs: 5 }).resumed).toBe(false)
    expect(combinePages({ ...run, round: 2 }, [pageWith(1, [])], { concurrency: 20, elapsedMs: 5 }).resumed).toBe(true)
  })
})
