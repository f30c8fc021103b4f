/**
 * The report's promise, in both write modes and under every strategy: every
 * product is counted once, as updated, failed with its reason, or already
 * synced, and the failures name exactly the products left unwritten.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { chunkedStrategy, type InvalidOptionError, pooledStrategy, type Strategy, unboundedStrategy } from "poolwise"
import { type ItemDone, RepositoryError, SupplierStatus, syncProductStatus } from "poolwise/sync"
import {
  expectAccounted,
  failedIds,
  failuresOf,
  notAttempted,
  readAll,
  settle,
  simulated,
  simulatedStoreWith,
  writeModes,
} from "./fixtures.ts"

const strategies: ReadonlyArray<readonly [string, Effect.Effect<Strategy, InvalidOptionError>]> = [
  ["pooled(3)", pooledStrategy({ concurrency: 3 })],
  ["chunked(3)", chunkedStrategy({ chunkSize: 3 })],
  ["unbounded", unboundedStrategy()],
]

// The supplier sends garbage for products 2, 3 and 4, and does not know 10.
const faultySupplier = {
  latency: 50,
  catalogueSize: 9,
  respond: (id: number) =>
    id === 2
      ? { id, stock: -1, discontinued: false }
      : id === 3
      ? { id, stock: Number.NaN, discontinued: false }
      : id === 4
      ? { id, stock: 5, discontinued: "yes" }
      : undefined,
}

for (const write of writeModes) {
  describe(`write: "${write}": the report accounts for every product, updated + failed + alreadySynced = products`, () => {
    for (const [name, strategy] of strategies) {
      it.effect(`${name}: malformed supplier data and unknown products fail only their own item, typed`, () =>
        Effect.gen(function* () {
          const report = yield* settle(
            Effect.flatMap(
              strategy,
              (s) => syncProductStatus({ strategy: s, products: 10, pageSize: 4, write, batchSize: 3 }),
            ),
          )
          expectAccounted(report)
          expect(report.updated).toBe(6)
          expect(failedIds(report)).toEqual([2, 3, 4, 10])
          const reasons = failuresOf(report).map((f) => f.reason)
          expect(reasons[0]).toMatch(/malformed status: stock: Expected a non-negative number, actual -1/)
          expect(reasons[1]).toMatch(/malformed status: stock: Expected a non-negative number, actual NaN/)
          expect(reasons[2]).toMatch(/malformed status: discontinued: Expected boolean, actual "yes"/)
          expect(reasons[3]).toBe("supplier status: unknown product")
          // The report names exactly the rows left unsynced.
          const rows = yield* settle(readAll(10))
          expect(rows.filter((p) => p.syncedAt === null).map((p) => p.id)).toEqual([2, 3, 4, 10])
        }).pipe(Effect.provide(simulated({ products: 10, poolSize: 3 }, faultySupplier))))
    }

    it.effect("a run whose id stream breaks lists every product it never started as 'not attempted'", () => {
      // The second page read fails for good (a permanent error, not retried).
      const breaksAfterFirstPage = simulatedStoreWith({ products: 10, poolSize: 2 }, (repo) => ({
        ...repo,
        pageIds: (page) =>
          page.after >= 4
            ? Effect.fail(
              new RepositoryError({ operation: "pageIds", message: "Table 'products' is full", errno: 1114 }),
            )
            : repo.pageIds(page),
      }))
      return Effect.gen(function* () {
        const strategy = yield* pooledStrategy({ concurrency: 2 })
        const report = yield* settle(syncProductStatus({ strategy, products: 10, pageSize: 4, write, batchSize: 2 }))
        expect(report.stoppedBy).toBe("could not read product ids: Table 'products' is full")
        expectAccounted(report)
        // Products 1..4 were read before the break: they all finish.
        expect(report.updated).toBe(4)
        expect(report.failures).toEqual([{ reason: notAttempted, count: 6, ids: [[5, 10]] }])
      }).pipe(Effect.provide(Layer.merge(breaksAfterFirstPage, SupplierStatus.layerSimulated({ latency: 50 }))))
    })

    it.effect("products 1..N missing from the table are reported, not silently skipped", () =>
      Effect.gen(function* () {
        const strategy = yield* pooledStrategy({ concurrency: 4 })
        const report = yield* settle(syncProductStatus({ strategy, products: 7, write, batchSize: 4 }))
        expect(report.updated).toBe(5)
        expect(report.failures).toEqual([{ reason: "not in the products table", count: 2, ids: [[6, 7]] }])
        expect(report.stoppedBy).toBeUndefined()
      }).pipe(Effect.provide(simulated({ products: 5 }))))

    it.effect("onItemDone is called once per product, with a running count out of the total", () =>
      Effect.gen(function* () {
        const events: Array<ItemDone> = []
        const strategy = yield* pooledStrategy({ concurrency: 3 })
        const report = yield* settle(
          syncProductStatus({
            strategy,
            products: 6,
            write,
            batchSize: 2,
            onItemDone: (event) => Effect.sync(() => events.push(event)),
          }),
        )
        expect(events.map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6])
        expect(events.every((e) => e.total === 6)).toBe(true)
        expect(events.map((e) => e.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
        expect(events.filter((e) => e.outcome === "failed").map((e) => e.id)).toEqual([2])
        expect(report.updated).toBe(5)
      }).pipe(Effect.provide(simulated({ products: 6 }, { respond: (id) => (id === 2 ? { id } : undefined) }))))

    it.effect("zero products is an empty, valid report; a bad product count is a typed InvalidOptionError", () =>
      Effect.gen(function* () {
        const strategy = yield* pooledStrategy({ concurrency: 3 })
        const empty = yield* settle(syncProductStatus({ strategy, products: 0, write }))
        expect(empty).toMatchObject({ products: 0, updated: 0, failed: 0, failures: [], retries: 0 })
        const error = yield* Effect.flip(syncProductStatus({ strategy, products: 2.5, write }))
        expect(error._tag).toBe("InvalidOptionError")
        expect(error.message).toContain("products")
      }).pipe(Effect.provide(simulated({ products: 3 }))))
  })
}

describe("failures are kept compactly: grouped by reason, ids as ranges", () => {
  it.effect("999 products failing the same way are one group with one range; listFailures still names each one", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 50 })
      const report = yield* settle(syncProductStatus({ strategy, products: 1_000 }))
      expect(report.updated).toBe(1)
      expect(report.failures).toEqual([{ reason: "supplier status: unknown product", count: 999, ids: [[2, 1_000]] }])
      expect(failedIds(report)).toEqual(Array.from({ length: 999 }, (_, i) => i + 2))
    }).pipe(Effect.provide(simulated({ products: 1_000 }, { latency: 1, catalogueSize: 1 }))))
})
