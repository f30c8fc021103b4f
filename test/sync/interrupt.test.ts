/**
 * Stopping a run midway, and resuming it: the partial report accounts for
 * every product, and a resumed run does not redo what the first one did.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, TestClock } from "effect"
import { pooledStrategy } from "poolwise"
import {
  interrupted,
  makeSimulatedRepository,
  notAttempted,
  ProductRepository,
  SupplierStatus,
  syncProductStatus,
  type SyncReport,
} from "poolwise/sync"
import { readAll } from "./fixtures.ts"

/** Runs to completion under TestClock. */
const settle = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

const invariant = (report: SyncReport) =>
  expect(report.updated + report.failed.length + report.alreadySynced).toBe(report.products)

/**
 * Ten products, supplier 100 ms, instant statements, pooled(2): products
 * 1-2 finish at 100 ms, 3-4 at 200, 5-6 at 300... Counts every write.
 */
const store = (writes: Array<number>) =>
  Layer.merge(
    Layer.effect(
      ProductRepository,
      Effect.map(makeSimulatedRepository({ products: 10, poolSize: 2, queryLatency: 0 }), (repo) => ({
        ...repo,
        updateStatus: (...args: Parameters<typeof repo.updateStatus>) =>
          Effect.zipRight(Effect.sync(() => writes.push(args[0])), repo.updateStatus(...args)),
      })),
    ),
    SupplierStatus.layerSimulated({ latency: 100 }),
  )

const run = (options: { readonly stopAt?: number; readonly resume?: boolean; readonly runId?: string }) =>
  Effect.flatMap(pooledStrategy({ concurrency: 2 }), (strategy) =>
    settle(syncProductStatus({
      strategy,
      products: 10,
      resume: options.resume,
      runId: options.runId,
      interruptWhen: options.stopAt === undefined ? undefined : Effect.sleep(options.stopAt),
    })))

describe("interrupting a run: a partial report", () => {
  it.effect("stopped at 250 ms: 4 updated, 2 in flight 'interrupted', 4 'not attempted', stoppedBy 'interrupted'", () =>
    Effect.gen(function* () {
      const report = yield* run({ stopAt: 250 })
      expect(report).toMatchObject({ updated: 4, stoppedBy: "interrupted", elapsedMs: 250, alreadySynced: 0 })
      expect(report.failed).toEqual([
        { id: 5, reason: interrupted },
        { id: 6, reason: interrupted },
        ...[7, 8, 9, 10].map((id) => ({ id, reason: notAttempted })),
      ])
      invariant(report)
      // Nothing half-written: rows 5 and 6 were interrupted before their write.
      const rows = yield* readAll(10)
      expect(rows.filter((p) => p.syncedAt !== null).map((p) => p.id)).toEqual([1, 2, 3, 4])
    }).pipe(Effect.provide(store([]))))
})

describe("resume: continue the last incomplete run without redoing its products", () => {
  it.effect("the resumed run writes only the 6 products the interrupted one did not; a second resume finds no run to continue", () => {
    const writes: Array<number> = []
    return Effect.gen(function* () {
      const first = yield* run({ stopAt: 250, runId: "run-a" })
      expect(first.updated).toBe(4)
      writes.length = 0

      const resumed = yield* run({ resume: true })
      expect(resumed).toMatchObject({ runId: "run-a", resumed: true, alreadySynced: 4, updated: 6, failed: [] })
      invariant(resumed)
      expect(writes.sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10])
      expect((yield* readAll(10)).every((p) => p.syncedAt !== null)).toBe(true)

      // run-a is complete now: resume starts a new run, which syncs everything.
      writes.length = 0
      const fresh = yield* run({ resume: true })
      expect(fresh).toMatchObject({ resumed: false, alreadySynced: 0, updated: 10 })
      expect(fresh.runId).not.toBe("run-a")
      expect(writes).toHaveLength(10)
    }).pipe(Effect.provide(store(writes)))
  })

  it.effect("without resume, a rerun after an interruption syncs every product again", () => {
    const writes: Array<number> = []
    return Effect.gen(function* () {
      yield* run({ stopAt: 250 })
      writes.length = 0
      const rerun = yield* run({})
      expect(rerun).toMatchObject({ resumed: false, updated: 10, failed: [] })
      expect(writes).toHaveLength(10)
    }).pipe(Effect.provide(store(writes)))
  })

  it.effect("a resumed run interrupted again is resumed again: three invocations, every product written once", () => {
    const writes: Array<number> = []
    return Effect.gen(function* () {
      yield* run({ stopAt: 150 }) // 1, 2
      const second = yield* run({ resume: true, stopAt: 150 }) // 3, 4
      expect(second).toMatchObject({ resumed: true, alreadySynced: 2, updated: 2 })
      invariant(second)
      const third = yield* run({ resume: true })
      expect(third).toMatchObject({ resumed: true, alreadySynced: 4, updated: 6, failed: [] })
      expect(writes.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    }).pipe(Effect.provide(store(writes)))
  })
})
