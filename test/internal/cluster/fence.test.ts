/**
 * The fence of a runner back from a stall, in one process: a page attempt
 * ends only while no later attempt of its page exists (the bookkeeping's
 * `endAttempt`, the same rule in memory as in SQL, where it is one statement:
 * test/integration/clusterRuns.test.ts), and a page whose end was refused
 * answers `superseded`, which the coordinator ignores and sends again. The
 * real runner processes, frozen and cut off, are in
 * test/integration/clusterGray.test.ts.
 */
import { MessageStorage, RunnerHealth, Runners, RunnerStorage, Sharding, ShardingConfig } from "@effect/cluster"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { ClusterRuns } from "poolwise/cluster"
import { ProductRepository, SupplierStatus } from "poolwise/sync"
import { driveRun } from "../../../src/internal/cluster/coordinator.ts"
import { StopRequests } from "../../../src/internal/cluster/StopRequests.ts"
import { layerSyncPage } from "../../../src/internal/cluster/SyncPage.ts"

describe("the page fence in the bookkeeping (memory)", () => {
  it.effect("a superseded attempt never ends: endAttempt answers false and the counters are the later attempt's", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      yield* runs.submit({ id: "r", products: 20, pages: 2, pageSize: 10 }, new Date(0))
      const stale = yield* runs.startAttempt("r", 1, "a:1")
      const current = yield* runs.startAttempt("r", 1, "b:1")
      expect(yield* runs.endAttempt(stale, 10, 0)).toBe(false)
      expect(yield* runs.progress("r")).toEqual({ pagesDone: 0, updated: 0, failed: 0 })
      expect(yield* runs.endAttempt(current, 4, 6)).toBe(true)
      expect(yield* runs.endAttempt(current, 4, 6)).toBe(true)
      expect(yield* runs.endAttempt(stale, 10, 0)).toBe(false)
      expect(yield* runs.progress("r")).toEqual({ pagesDone: 1, updated: 4, failed: 6 })
      expect((yield* runs.attempts("r")).map((a) => a.endedAt === null)).toEqual([true, false])
    }).pipe(Effect.provide(ClusterRuns.layerMemory)))
})

describe("dispatch: a stale answer (its attempt superseded) is ignored and the page sent again", () => {
  const registeredTestRunner = Sharding.layer.pipe(
    Layer.provideMerge(Runners.layerNoop),
    Layer.provideMerge(MessageStorage.layerMemory),
    Layer.provideMerge(Layer.merge(RunnerStorage.layerMemory, RunnerHealth.layerNoop)),
    Layer.provideMerge(ShardingConfig.layer()),
  )

  // On the live clock (1 ms tasks): it asserts counts, not durations, and the cluster's own loops need real time here.
  it.live("pages whose first end another runner's later start refused are sent again; every product counted once", () =>
    Effect.gen(function* () {
      const superseded = new Set([2, 7])
      const overtaken = new Set<number>()
      // Before the first end of pages 2 and 7, "another runner" starts them: the end is refused.
      const overtaking = Layer.effect(
        ClusterRuns,
        Effect.map(ClusterRuns, (runs) => {
          const pageOf = new Map<number, { runId: string; page: number }>()
          return {
            ...runs,
            startAttempt: (runId: string, page: number, runner: string) =>
              Effect.tap(
                runs.startAttempt(runId, page, runner),
                (id) => Effect.sync(() => pageOf.set(id, { runId, page })),
              ),
            endAttempt: (attempt: number, updated: number, failed: number) =>
              Effect.suspend(() => {
                const of = pageOf.get(attempt)
                if (of === undefined || !superseded.has(of.page) || overtaken.has(of.page)) {
                  return runs.endAttempt(attempt, updated, failed)
                }
                overtaken.add(of.page)
                return Effect.zipRight(
                  runs.startAttempt(of.runId, of.page, "other:1"),
                  runs.endAttempt(attempt, updated, failed),
                )
              }),
          }
        }),
      )
      const run = { id: "run-stale", products: 100, pages: 10, pageSize: 10 }
      const { attempts, placed, report } = yield* Effect.gen(function* () {
        const runs = yield* ClusterRuns
        yield* runs.submit(run, new Date(0))
        const report = yield* driveRun(run, { concurrency: 4, pagesPerRunner: 3 })
        return { report, attempts: yield* runs.attempts(run.id), placed: yield* runs.placedPages(run.id) }
      }).pipe(
        Effect.provide(
          layerSyncPage({ concurrency: 4, pagesAtOnce: 10 }).pipe(
            Layer.provide(StopRequests.layerPolling()),
            Layer.provideMerge(registeredTestRunner),
            Layer.provideMerge(Layer.merge(
              ProductRepository.layerSimulated({ products: 100, poolSize: 4 }),
              SupplierStatus.layerSimulated({ latency: "1 millis" }),
            )),
            Layer.provideMerge(overtaking),
            Layer.provideMerge(ClusterRuns.layerMemory),
          ),
        ),
      )
      expect(report).toMatchObject({ products: 100, updated: 100, failed: 0 })
      expect([...overtaken].sort()).toEqual([2, 7])
      for (const page of superseded) {
        // The refused attempt stays unended; the page was sent again under a new salt and ended there.
        const of = attempts.filter((a) => a.page === page)
        expect(of[0]!.endedAt).toBeNull()
        expect(of.at(-1)!.endedAt).not.toBeNull()
        expect(placed.find((p) => p.page === page)!.salt).toBeGreaterThan(0)
      }
    }))
})
