import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, TestClock } from "effect"
import { chunkedStrategy, type InvalidOptionError, pooledStrategy, type Strategy, unboundedStrategy } from "poolwise"
import {
  type ItemDone,
  makeSimulatedRepository,
  notAttempted,
  ProductRepository,
  RepositoryError,
  SupplierStatus,
  syncProductStatus,
} from "poolwise/sync"
import { simulated } from "./fixtures.ts"

const strategies: ReadonlyArray<readonly [string, Effect.Effect<Strategy, InvalidOptionError>]> = [
  ["pooled(3)", pooledStrategy({ concurrency: 3 })],
  ["chunked(3)", chunkedStrategy({ chunkSize: 3 })],
  ["unbounded", unboundedStrategy()],
]

/** Runs to completion under TestClock. */
const settle = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

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

describe("the sync report accounts for every product: updated + failed = products", () => {
  for (const [name, strategy] of strategies) {
    it.effect(`${name}: malformed supplier data and unknown products fail only their own item, typed`, () =>
      Effect.gen(function* () {
        const report = yield* settle(
          Effect.flatMap(strategy, (s) => syncProductStatus({ strategy: s, products: 10, pageSize: 4 })),
        )
        expect(report.updated + report.failed.length).toBe(10)
        expect(report.updated).toBe(6)
        expect(report.failed.map((f) => f.id)).toEqual([2, 3, 4, 10])
        const reasons = report.failed.map((f) => f.reason)
        expect(reasons[0]).toMatch(/malformed status: stock: Expected a non-negative number, actual -1/)
        expect(reasons[1]).toMatch(/malformed status: stock: Expected a non-negative number, actual NaN/)
        expect(reasons[2]).toMatch(/malformed status: discontinued: Expected boolean, actual "yes"/)
        expect(reasons[3]).toBe("Supplier status for product 10: unknown product")
      }).pipe(Effect.provide(simulated({ products: 10, poolSize: 3 }, faultySupplier))))
  }

  it.effect("a run whose id stream breaks lists every product it never started as 'not attempted'", () => {
    // The second page read loses its connection, like errno 2013 mid-run.
    const breaksAfterFirstPage = Layer.effect(
      ProductRepository,
      Effect.map(makeSimulatedRepository({ products: 10, poolSize: 2 }), (repo) => ({
        ...repo,
        pageIds: (page: Parameters<typeof repo.pageIds>[0]) =>
          page.after >= 4
            ? Effect.fail(
              new RepositoryError({
                operation: "pageIds",
                message: "Lost connection to MySQL server during query",
                errno: 2013,
                code: "PROTOCOL_CONNECTION_LOST",
              }),
            )
            : repo.pageIds(page),
      })),
    )
    return Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 2 })
      const report = yield* settle(syncProductStatus({ strategy, products: 10, pageSize: 4 }))
      expect(report.stoppedBy).toBe("Lost connection to MySQL server during query")
      expect(report.updated + report.failed.length).toBe(10)
      const never = report.failed.filter((f) => f.reason === notAttempted).map((f) => f.id)
      // Products 1..4 were read before the break: they all finish.
      expect(report.updated).toBe(4)
      expect(never).toEqual([5, 6, 7, 8, 9, 10])
      expect(report.failed.map((f) => f.id)).toEqual(never)
    }).pipe(Effect.provide(Layer.merge(breaksAfterFirstPage, SupplierStatus.layerSimulated({ latency: 50 }))))
  })

  it.effect("products 1..N missing from the table are reported, not silently skipped", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 4 })
      const report = yield* settle(syncProductStatus({ strategy, products: 7 }))
      expect(report.updated).toBe(5)
      expect(report.failed).toEqual([
        { id: 6, reason: "not in the products table" },
        { id: 7, reason: "not in the products table" },
      ])
      expect(report.stoppedBy).toBeUndefined()
    }).pipe(Effect.provide(simulated({ products: 5 }))))

  it.effect("onItemDone is called once per product, with a running count out of the total", () =>
    Effect.gen(function* () {
      const events: Array<ItemDone> = []
      const strategy = yield* pooledStrategy({ concurrency: 3 })
      const report = yield* settle(
        syncProductStatus({ strategy, products: 6, onItemDone: (event) => Effect.sync(() => events.push(event)) }),
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
      const empty = yield* settle(syncProductStatus({ strategy, products: 0 }))
      expect(empty).toMatchObject({ products: 0, updated: 0, failed: [], retries: 0 })
      const error = yield* Effect.flip(syncProductStatus({ strategy, products: 2.5 }))
      expect(error._tag).toBe("InvalidOptionError")
      expect(error.message).toContain("products")
    }).pipe(Effect.provide(simulated({ products: 3 }))))
})
