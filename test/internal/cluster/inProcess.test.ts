/**
 * The cluster's inside in one process: the page entity and the coordinator
 * on `TestRunner` (in-memory message storage and runner registry), the
 * bookkeeping in memory, the store and the supplier simulated, all on
 * TestClock. What real runner processes add (kill -9, SIGTERM, the budget on
 * a real server) is proven in test/integration/cluster.test.ts.
 */
import { Entity, ShardingConfig, TestRunner } from "@effect/cluster"
import { describe, expect, it } from "@effect/vitest"
import { type Duration, Effect, Fiber, Layer, Option, TestClock } from "effect"
import { ClusterRuns, submitClusterSync } from "poolwise/cluster"
import { ProductId, ProductRepository, SupplierStatus } from "poolwise/sync"
import { driveRun, layerCoordinator } from "../../../src/internal/cluster/coordinator.ts"
import { StopRequests } from "../../../src/internal/cluster/StopRequests.ts"
import { layerSyncPage, SyncPage } from "../../../src/internal/cluster/SyncPage.ts"
import { readAll } from "../../sync/fixtures.ts"
import { counting, pagesOver, registeredTestRunner, watchedRuns } from "./inProcessSupport.ts"

/** A runner in one process: the entity and the coordinator on TestRunner, over in-memory bookkeeping. */
const inProcessCluster = (products: number, options: { concurrency: number; latencyMs: number }) => {
  const store = counting(products, options.latencyMs)
  const runner = Layer.mergeAll(
    layerSyncPage({ concurrency: options.concurrency }),
    layerCoordinator({ concurrency: options.concurrency }),
  ).pipe(
    Layer.provide(StopRequests.layerPolling()),
    Layer.provideMerge(TestRunner.layer),
    Layer.provideMerge(store.layer),
    Layer.provideMerge(ClusterRuns.layerMemory),
  )
  return { inFlight: store.inFlight, layer: runner }
}

/** Runs `effect` forked and moves TestClock in steps until it is done. */
const settleInSteps = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  step: Duration.DurationInput = "100 millis",
  steps = 2_000,
) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    for (let i = 0; i < steps; i++) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) break
      yield* TestClock.adjust(step)
    }
    return yield* Fiber.join(fiber)
  })

describe("the SyncPage entity: one page, written once however often it is delivered", () => {
  it.effect("a page syncs its range and records the attempt; delivered again, it writes no product twice", () =>
    Effect.gen(function* () {
      const makeClient = yield* Entity.makeTestClient(SyncPage, layerSyncPage({ concurrency: 4 }))
      const client = yield* makeClient("run-1:2")
      const payload = { runId: "run-1", page: 2, salt: 0, from: 11, to: 20 }
      const first = yield* settleInSteps(client.Sync(payload))
      expect(first).toMatchObject({ page: 2, updated: 10, failed: 0 })
      const written = yield* settleInSteps(readAll(20))
      expect(written.slice(10).every((p) => p.syncedAt !== null)).toBe(true)
      expect(written.slice(0, 10).every((p) => p.syncedAt === null)).toBe(true)

      yield* TestClock.adjust("5 seconds") // a redelivery later: a second write would carry a later synced_at
      const again = yield* settleInSteps(client.Sync(payload))
      expect(again.updated + again.failed).toBe(10)
      const after = yield* settleInSteps(readAll(20))
      expect(after.map((p) => p.syncedAt?.getTime())).toEqual(written.map((p) => p.syncedAt?.getTime()))

      const attempts = yield* Effect.flatMap(ClusterRuns, (runs) => runs.attempts("run-1"))
      expect(attempts).toHaveLength(2)
      expect(attempts.every((a) => a.page === 2 && a.endedAt !== null && a.updated === 10)).toBe(true)
    }).pipe(
      Effect.provide(Layer.mergeAll(
        ProductRepository.layerSimulated({ products: 20 }),
        SupplierStatus.layerSimulated({ latency: "10 millis" }),
        StopRequests.layerPolling().pipe(Layer.provideMerge(ClusterRuns.layerMemory)),
      )),
      Effect.provide(ShardingConfig.layer()),
      Effect.scoped,
    ))
})

describe("the coordinator: a submitted run is paged, synced and reported like a local run", () => {
  it.effect("every product is accounted for, updated + failed = products, and the runner never exceeds its worker cap", () =>
    Effect.gen(function* () {
      const cluster = inProcessCluster(230, { concurrency: 6, latencyMs: 50 })
      const report = yield* settleInSteps(submitClusterSync({ products: 230, pageSize: 25 })).pipe(
        Effect.provide(cluster.layer),
      )
      expect(report).toMatchObject({ products: 230, updated: 230, failed: 0 })
      expect(cluster.inFlight.most).toBeLessThanOrEqual(6)
      expect(cluster.inFlight.most).toBeGreaterThan(1)
    }))

  it.effect("a stop asked by the client ends the run early with a report that still accounts for every product", () =>
    Effect.gen(function* () {
      const cluster = inProcessCluster(400, { concurrency: 4, latencyMs: 100 })
      const report = yield* settleInSteps(
        submitClusterSync({ products: 400, pageSize: 20, interruptWhen: Effect.sleep("1 second") }),
      ).pipe(Effect.provide(cluster.layer))
      expect(report.updated + report.failed).toBe(400)
      expect(report.updated).toBeGreaterThan(0)
      expect(report.failed).toBeGreaterThan(0)
      expect(report.stoppedBy).toBe("interrupted")
    }))
})

describe("dispatch: a few pages in flight per runner, and a takeover that joins what was sent", () => {
  // On the live clock (5 ms tasks): it asserts counts, not durations, and the cluster's own loops need real time here.
  it.live("a runner never has more than pagesPerRunner pages in flight, and every page is placed once", () =>
    Effect.gen(function* () {
      const store = counting(200, 5)
      const run = { id: "run-w", products: 200, pages: 20, pageSize: 10 }
      let open = 0
      let mostOpen = 0
      const watched = watchedRuns(() => mostOpen = Math.max(mostOpen, ++open), () => open--)
      const report = yield* Effect.gen(function* () {
        const runs = yield* ClusterRuns
        yield* runs.submit(run, new Date(0))
        const first = yield* driveRun(run, { concurrency: 8, pagesPerRunner: 2 })
        const placed = yield* runs.placedPages(run.id)
        const attempts = (yield* runs.attempts(run.id)).length
        // A coordinator that takes over drives the same run again: every page is already placed, so each
        // send joins its first delivery and its stored answer comes back; no page runs again.
        const again = yield* driveRun(run, { concurrency: 8, pagesPerRunner: 2 })
        return { first, again, placed, attempts, attemptsAfter: (yield* runs.attempts(run.id)).length }
      }).pipe(
        Effect.provide(
          pagesOver(store.layer, watched),
        ),
      )
      expect(report.first).toMatchObject({ updated: 200, failed: 0 })
      expect(mostOpen).toBeLessThanOrEqual(2)
      expect(mostOpen).toBe(2)
      expect(report.placed.map((p) => p.page)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
      expect(report.attempts).toBe(20)
      expect(report.again).toMatchObject({ updated: 200, failed: 0 })
      expect(report.attemptsAfter).toBe(20)
    }))
})

describe("dispatch: a page the cluster interrupts is sent again, not reported lost", () => {
  /** One registered runner (4 workers) over the counting store and `bookkeeping` wrapped around memory. */
  const oneRunner = (
    store: ReturnType<typeof counting>,
    bookkeeping: Layer.Layer<ClusterRuns, never, ClusterRuns>,
  ) =>
    layerSyncPage({ concurrency: 4, pagesAtOnce: 10 }).pipe(
      Layer.provide(StopRequests.layerPolling()),
      Layer.provideMerge(registeredTestRunner),
      Layer.provideMerge(store.layer),
      Layer.provideMerge(bookkeeping),
      Layer.provideMerge(ClusterRuns.layerMemory),
    )

  /** Bookkeeping whose first start of each page in `cut` interrupts the page on the runner, as a dying runner does. */
  const interruptingFirstStart = (cut: ReadonlySet<number>) =>
    Layer.effect(
      ClusterRuns,
      Effect.map(ClusterRuns, (runs) => {
        const started = new Set<number>()
        return {
          ...runs,
          startAttempt: (runId: string, page: number, runner: string) =>
            cut.has(page) && !started.has(page)
              ? Effect.zipRight(Effect.sync(() => started.add(page)), Effect.interrupt)
              : runs.startAttempt(runId, page, runner),
        }
      }),
    )

  it.live("pages interrupted once end updated, under a new salt recorded for a coordinator that takes over", () =>
    Effect.gen(function* () {
      const store = counting(100, 1)
      const run = { id: "run-cut", products: 100, pages: 10, pageSize: 10 }
      const result = yield* Effect.gen(function* () {
        const runs = yield* ClusterRuns
        yield* runs.submit(run, new Date(0))
        const report = yield* driveRun(run, { concurrency: 4, pagesPerRunner: 3 })
        return { report, placed: yield* runs.placedPages(run.id) }
      }).pipe(
        Effect.provide(oneRunner(store, interruptingFirstStart(new Set([2, 7])))),
      )
      expect(result.report).toMatchObject({ products: 100, updated: 100, failed: 0 })
      const saltOf = new Map(result.placed.map((p) => [p.page, p.salt]))
      expect(saltOf.size).toBe(10)
      // Sent again under a salt it never had: the cut message is not joined.
      expect(saltOf.get(2)).toBeGreaterThan(0)
      expect(saltOf.get(7)).toBeGreaterThan(0)
    }))

  it.live("a page interrupted every time is reported failed 'interrupted' after pageResends attempts, with its ids", () =>
    Effect.gen(function* () {
      const store = counting(30, 1)
      const run = { id: "run-cut-always", products: 30, pages: 3, pageSize: 10 }
      let starts = 0
      const alwaysCut = Layer.effect(
        ClusterRuns,
        Effect.map(ClusterRuns, (runs) => ({
          ...runs,
          startAttempt: (runId: string, page: number, runner: string) =>
            page === 3
              ? Effect.zipRight(Effect.sync(() => starts++), Effect.interrupt)
              : runs.startAttempt(runId, page, runner),
        })),
      )
      const report = yield* Effect.gen(function* () {
        const runs = yield* ClusterRuns
        yield* runs.submit(run, new Date(0))
        return yield* driveRun(run, { concurrency: 4, pagesPerRunner: 3 })
      }).pipe(
        Effect.provide(oneRunner(store, alwaysCut)),
      )
      expect(report).toMatchObject({ products: 30, updated: 20, failed: 10 })
      expect(report.failures).toEqual([{ reason: "interrupted", count: 10, ids: [[21, 30]] }])
      // The first send and three more.
      expect(starts).toBe(4)
    }))

  it.live("a page failed as a whole lists only the products of its range the run did not write", () =>
    Effect.gen(function* () {
      const store = counting(30, 1)
      const run = { id: "run-cut-part", products: 30, pages: 3, pageSize: 10 }
      const alwaysCut = Layer.effect(
        ClusterRuns,
        Effect.map(ClusterRuns, (runs) => ({
          ...runs,
          startAttempt: (runId: string, page: number, runner: string) =>
            page === 3 ? Effect.interrupt : runs.startAttempt(runId, page, runner),
        })),
      )
      const report = yield* Effect.gen(function* () {
        const runs = yield* ClusterRuns
        const repository = yield* ProductRepository
        yield* runs.submit(run, new Date(0))
        // What a runner cut off mid-page had written of page 3 (21..30) before it went.
        for (const id of [21, 22, 23, 26]) {
          yield* repository.updateStatus(ProductId.make(id), { stock: 1, discontinued: false }, new Date(0), run.id)
        }
        return yield* driveRun(run, { concurrency: 4, pagesPerRunner: 3 })
      }).pipe(
        Effect.provide(oneRunner(store, alwaysCut)),
      )
      expect(report).toMatchObject({ products: 30, updated: 24, failed: 6 })
      expect(report.failures).toEqual([{ reason: "interrupted", count: 6, ids: [[24, 25], [27, 30]] }])
    }))
})
