/**
 * Stopping a run midway, and resuming it: the partial report accounts for
 * every product, and a resumed run does not redo what the first one did.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { makeProgress, pooledStrategy, type Progress } from "poolwise"
import { SupplierStatus, syncProductStatus } from "poolwise/sync"
import {
  expectAccounted as invariant,
  failuresOf,
  interrupted,
  notAttempted,
  readAll,
  settle,
  simulatedStoreWith,
  writeModes,
} from "./fixtures.ts"

/**
 * Ten products, supplier 100 ms, instant statements, pooled(2): products
 * 1-2 finish at 100 ms, 3-4 at 200, 5-6 at 300... Counts every write.
 */
const store = (writes: Array<number>) =>
  Layer.merge(
    simulatedStoreWith({ products: 10, poolSize: 2, queryLatency: 0 }, (repo) => ({
      ...repo,
      updateStatus: (...args) => Effect.zipRight(Effect.sync(() => writes.push(args[0])), repo.updateStatus(...args)),
    })),
    SupplierStatus.layerSimulated({ latency: 100 }),
  )

const run = (options: {
  readonly stopAt?: number
  readonly resume?: boolean
  readonly runId?: string
  readonly products?: number
  readonly progress?: Progress
}) =>
  Effect.flatMap(pooledStrategy({ concurrency: 2 }), (strategy) =>
    settle(syncProductStatus({
      strategy,
      products: options.products ?? 10,
      resume: options.resume,
      runId: options.runId,
      progress: options.progress,
      interruptWhen: options.stopAt === undefined ? undefined : Effect.sleep(options.stopAt),
    })))

describe("interrupting a run: a partial report", () => {
  it.effect("stopped at 250 ms: 4 updated, 2 in flight 'interrupted', 4 'not attempted', stoppedBy 'interrupted'", () =>
    Effect.gen(function* () {
      const report = yield* run({ stopAt: 250 })
      expect(report).toMatchObject({ updated: 4, stoppedBy: "interrupted", elapsedMs: 250, alreadySynced: 0 })
      expect(failuresOf(report)).toEqual([
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
      expect(resumed).toMatchObject({ runId: "run-a", resumed: true, alreadySynced: 4, updated: 6, failed: 0 })
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

  it.effect("a resumed run's tracker counts the run's own 10 products, not `products`: the 4 written before as done, 100% at the end", () => {
    return Effect.gen(function* () {
      yield* run({ stopAt: 250 }) // 1-4 written
      const progress = yield* makeProgress(1_000)
      const resumed = yield* run({ resume: true, products: 1_000, progress })
      expect(resumed).toMatchObject({ resumed: true, products: 10, alreadySynced: 4, updated: 6 })
      expect(yield* progress.snapshot).toEqual({
        total: 10,
        started: 10,
        succeeded: 10,
        failed: 0,
        inFlight: 0,
        finished: 10,
        percent: 100,
      })
    }).pipe(Effect.provide(store([])))
  })

  it.effect("without resume, a rerun after an interruption syncs every product again", () => {
    const writes: Array<number> = []
    return Effect.gen(function* () {
      yield* run({ stopAt: 250 })
      writes.length = 0
      const rerun = yield* run({})
      expect(rerun).toMatchObject({ resumed: false, updated: 10, failed: 0 })
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
      expect(third).toMatchObject({ resumed: true, alreadySynced: 4, updated: 6, failed: 0 })
      expect(writes.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    }).pipe(Effect.provide(store(writes)))
  })
})

describe("what an interrupt leaves behind is known exactly", () => {
  it.effect("a write that landed but whose reply never came counts as updated, not 'interrupted'", () => {
    // Product 5's write reaches the table, then its reply is lost: the fiber waits forever.
    const lostReply = Layer.merge(
      simulatedStoreWith({ products: 10, poolSize: 2, queryLatency: 0 }, (repo) => ({
        ...repo,
        updateStatus: (...args) =>
          args[0] === 5 ? Effect.zipRight(repo.updateStatus(...args), Effect.never) : repo.updateStatus(...args),
      })),
      SupplierStatus.layerSimulated({ latency: 100 }),
    )
    return Effect.gen(function* () {
      // 1..4 are written by 200 ms; 5 and 6 at 300, 5's reply never comes; 7 is cut off at 350.
      const report = yield* run({ stopAt: 350 })
      expect(report.updated).toBe(6)
      expect(failuresOf(report)).toEqual([
        { id: 7, reason: interrupted },
        ...[8, 9, 10].map((id) => ({ id, reason: notAttempted })),
      ])
      invariant(report)
    }).pipe(Effect.provide(lostReply))
  })

  it.effect("a resumed run uses the product count recorded for it, not the one passed again", () =>
    Effect.gen(function* () {
      const first = yield* run({ stopAt: 150, runId: "run-c", products: 6 })
      expect(first).toMatchObject({ products: 6, updated: 2 })
      const resumed = yield* run({ resume: true, products: 10 })
      expect(resumed).toMatchObject({ runId: "run-c", products: 6, alreadySynced: 2, updated: 4, failed: 0 })
      invariant(resumed)
    }).pipe(Effect.provide(store([]))))
})

for (const write of writeModes) {
  describe(`write: "${write}": the same stop, the same accounting`, () => {
    it.effect("interruptWhen mid-run: every product is updated, interrupted or not attempted, and resume finishes the rest", () =>
      Effect.gen(function* () {
        const strategy = yield* pooledStrategy({ concurrency: 2 })
        const sync = (options: { readonly stopAt?: number; readonly resume?: boolean }) =>
          settle(syncProductStatus({
            strategy,
            products: 10,
            write,
            batchSize: 2,
            resume: options.resume,
            interruptWhen: options.stopAt === undefined ? undefined : Effect.sleep(options.stopAt),
          }))
        const first = yield* sync({ stopAt: 250 })
        expect(first.stoppedBy).toBe(interrupted)
        expect(first.updated).toBe(4)
        invariant(first)
        expect(new Set(failuresOf(first).map((f) => f.reason))).toEqual(new Set([interrupted, notAttempted]))
        const second = yield* sync({ resume: true })
        expect(second).toMatchObject({ resumed: true, alreadySynced: 4, updated: 6, failed: 0 })
        expect((yield* settle(readAll(10))).every((p) => p.syncedAt !== null)).toBe(true)
      }).pipe(Effect.provide(store([]))))
  })
}
