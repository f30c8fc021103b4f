/**
 * What only the bulk write mode does: statuses fetched one by one are written
 * `batchSize` rows per statement. (Everything else, the report, retries,
 * stops and resume, is proven for both modes by the other files here.)
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Layer, Option } from "effect"
import { pooledStrategy } from "poolwise"
import { ProductId, ProductRepository, RepositoryError, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { supplierAnswers } from "../support/supplierAnswers.ts"
import { expectAccounted, failuresOf, settle, simulatedStoreWith } from "./fixtures.ts"

const seed = 3
const answerOf = supplierAnswers(seed)

/**
 * `products` rows; each batch write takes `hold` ms; a batch holding `failOn` fails with `error`. The supplier
 * answers `supplier` (latency per product, answers replaced), its calls in flight counted.
 */
const store = (
  products: number,
  batches: Array<ReadonlyArray<number>>,
  options: {
    readonly failOn?: number
    readonly error?: RepositoryError
    readonly hold?: number
    readonly supplier?: Parameters<typeof SupplierStatus.layerSimulated>[0]
    /** When each batch write started, on the test clock. */
    readonly startedAt?: Array<number>
  } = {},
) => {
  let inFlight = 0
  let calls = 0
  const peak = { writes: 0, supplierCalls: 0 }
  const supplier = Layer.effect(
    SupplierStatus,
    Effect.map(SupplierStatus, (inner) => ({
      fetch: (id: ProductId) =>
        Effect.suspend(() => {
          calls++
          peak.supplierCalls = Math.max(peak.supplierCalls, calls)
          return Effect.ensuring(inner.fetch(id), Effect.sync(() => calls--))
        }),
    })),
  ).pipe(Layer.provide(SupplierStatus.layerSimulated({ seed, latency: 0, ...options.supplier })))
  const layer = Layer.merge(
    simulatedStoreWith({ products, poolSize: 10, queryLatency: 0 }, (repo) => ({
      ...repo,
      updateStatuses: (...args) =>
        Effect.suspend(() => {
          const [rows] = args
          batches.push(rows.map((row) => row.id))
          if (options.failOn !== undefined && rows.some((row) => row.id === options.failOn)) {
            return Effect.fail(options.error!)
          }
          inFlight++
          peak.writes = Math.max(peak.writes, inFlight)
          return Clock.currentTimeMillis.pipe(
            Effect.flatMap((now) => Effect.sync(() => options.startedAt?.push(now))),
            Effect.zipRight(Effect.sleep(options.hold ?? 0)),
            Effect.zipRight(repo.updateStatuses(...args)),
            Effect.ensuring(Effect.sync(() => inFlight--)),
          )
        }),
    })),
    supplier,
  )
  return { layer, peak }
}

const bulkSync = (products: number, batchSize: number, concurrency = 5) =>
  Effect.flatMap(
    pooledStrategy({ concurrency }),
    (strategy) => settle(syncProductStatus({ strategy, products, write: "bulk", batchSize, pageSize: 200 })),
  )

describe('write: "bulk": statuses fetched one by one, written in batches', () => {
  it.effect("writes every product's status, batchSize rows per statement", () => {
    const batches: Array<ReadonlyArray<number>> = []
    return Effect.gen(function* () {
      const report = yield* bulkSync(1_050, 500)
      expect(report).toMatchObject({ write: "bulk", batchSize: 500, products: 1_050, updated: 1_050, failed: 0 })
      expect(report.statements).toBe(3)
      expect(batches.map((batch) => batch.length).sort((a, b) => a - b)).toEqual([50, 500, 500])
      const repo = yield* ProductRepository
      for (const id of [1, 500, 1_050]) {
        const row = Option.getOrThrow(yield* settle(repo.findById(ProductId.make(id))))
        const expected = answerOf(id)
        expect([row.stock, row.discontinued]).toEqual([expected.stock, expected.discontinued])
        expect(row.syncedAt).not.toBeNull()
      }
    }).pipe(Effect.provide(store(1_050, batches).layer))
  })

  it.effect("a statement that fails for good fails exactly the rows of its batch, with the server's message", () => {
    const batches: Array<ReadonlyArray<number>> = []
    const error = new RepositoryError({ operation: "updateStatuses", message: "Data too long for column", errno: 1406 })
    return Effect.gen(function* () {
      const report = yield* bulkSync(10, 4, 1)
      expectAccounted(report)
      const failingBatch = batches.find((batch) => batch.includes(6))!
      expect(failuresOf(report).map((f) => f.id)).toEqual([...failingBatch].sort((a, b) => a - b))
      expect(report.failures).toMatchObject([{ reason: "Data too long for column", errno: 1406 }])
    }).pipe(Effect.provide(store(10, batches, { failOn: 6, error }).layer))
  })

  it.effect("never has more write statements in flight than the strategy's limit", () => {
    const batches: Array<ReadonlyArray<number>> = []
    const { layer, peak } = store(100, batches, { hold: 100 })
    return Effect.gen(function* () {
      const report = yield* bulkSync(100, 10, 3)
      expect(report).toMatchObject({ updated: 100, statements: 10 })
      expect(peak.writes).toBe(3)
    }).pipe(Effect.provide(layer))
  })
})

describe('write: "bulk": each supplier call is a task of the strategy, each answer joins the batch being filled', () => {
  it.effect("the supplier never has more calls in flight than the strategy's limit, and the writes take none of them", () => {
    const batches: Array<ReadonlyArray<number>> = []
    // Every answer takes 10 ms and every write 50: writes in flight do not lower the supplier's calls in flight.
    const { layer, peak } = store(60, batches, { hold: 50, supplier: { latency: "10 millis" } })
    return Effect.gen(function* () {
      const report = yield* bulkSync(60, 4, 3)
      expect(report).toMatchObject({ updated: 60, failed: 0, statements: 15 })
      expect(peak.supplierCalls).toBe(3)
      expect(peak.writes).toBe(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a supplier failure fails only its product; the products after it fill the batch in its place", () => {
    const batches: Array<ReadonlyArray<number>> = []
    const malformed = { respond: (id: number) => (id === 3 ? { id, stock: -1, discontinued: false } : undefined) }
    return Effect.gen(function* () {
      const report = yield* bulkSync(10, 4, 1)
      expectAccounted(report)
      expect(report).toMatchObject({ updated: 9, failed: 1, statements: 3 })
      expect(failuresOf(report).map((f) => f.id)).toEqual([3])
      expect(failuresOf(report)[0]!.reason).toMatch(/^supplier status: malformed status: stock/)
      expect(batches).toEqual([[1, 2, 4, 5], [6, 7, 8, 9], [10]])
    }).pipe(Effect.provide(store(10, batches, { supplier: malformed }).layer))
  })

  it.effect("a batch is written as soon as it is full, while later answers are still on their way", () => {
    const batches: Array<ReadonlyArray<number>> = []
    const startedAt: Array<number> = []
    // Products 1-4 answer at 10 ms, 5-8 at 100 ms: the first batch goes at 10 ms, the second at 100.
    const latency = (id: ProductId) => (id <= 4 ? "10 millis" : "100 millis")
    return Effect.gen(function* () {
      const report = yield* bulkSync(8, 4, 8)
      expect(report).toMatchObject({ updated: 8, statements: 2 })
      expect(batches.map((batch) => [...batch].sort((a, b) => a - b))).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]])
      expect(startedAt).toEqual([10, 100])
    }).pipe(Effect.provide(store(8, batches, { supplier: { latency }, startedAt }).layer))
  })
})
