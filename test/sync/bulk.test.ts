import { describe, expect, it } from "@effect/vitest"
import { type Duration, Effect, Layer, Option } from "effect"
import { InvalidOptionError } from "poolwise"
import { ProductId, ProductRepository, RepositoryError, simulatedStatus, SupplierStatus } from "poolwise/sync"
import { BulkStatusWriter, bulkUpdateSql, type StatusRow, syncProductStatusBulk } from "../../src/sync/bulk.ts"
import { inVirtualTime } from "../support/virtual.ts"

const seed = 3

/** Store with `products` rows, a zero-latency supplier, and the writer over the store (or `writer`). */
const stack = (
  products: number,
  options: { readonly catalogueSize?: number; readonly writer?: Layer.Layer<BulkStatusWriter> } = {},
) => {
  const store = ProductRepository.layerSimulated({ products, queryLatency: 0 })
  return Layer.mergeAll(
    store,
    options.writer ?? BulkStatusWriter.layerRepository,
    SupplierStatus.layerSimulated({ seed, latency: 0, catalogueSize: options.catalogueSize }),
  ).pipe(Layer.provideMerge(store))
}

/** A writer that records every batch it is given, and fails batches holding `failOn`. */
const recordingWriter = (batches: Array<ReadonlyArray<number>>, failOn?: number, hold?: Duration.DurationInput) =>
  Layer.succeed(BulkStatusWriter, {
    write: (rows: ReadonlyArray<StatusRow>) =>
      Effect.suspend(() => {
        batches.push(rows.map((r) => r.id))
        if (failOn !== undefined && rows.some((r) => r.id === failOn)) {
          return Effect.fail(
            new RepositoryError({ operation: "writeStatuses", message: "Deadlock found", errno: 1213 }),
          )
        }
        return Effect.as(hold === undefined ? Effect.void : Effect.sleep(hold), rows.length)
      }),
  })

describe("syncProductStatusBulk: statuses fetched one by one, written in batches", () => {
  it.effect("writes every product's status, batchSize rows per statement", () =>
    Effect.gen(function* () {
      const report = yield* syncProductStatusBulk({ products: 1_050, batchSize: 500, pageSize: 200 })
      expect(report).toMatchObject({ strategy: "bulk", products: 1_050, updated: 1_050, failed: [], statements: 3 })
      const repo = yield* ProductRepository
      for (const id of [1, 500, 1_050]) {
        const row = Option.getOrThrow(yield* repo.findById(ProductId.make(id)))
        const expected = simulatedStatus(ProductId.make(id), seed)
        expect([row.stock, row.discontinued]).toEqual([expected.stock, expected.discontinued])
        expect(row.syncedAt).not.toBeNull()
      }
    }).pipe(Effect.provide(stack(1_050))))

  it.effect("a product the supplier does not know fails alone; the rest of its batch is written", () =>
    Effect.gen(function* () {
      const report = yield* syncProductStatusBulk({ products: 10, batchSize: 4 })
      expect(report.updated).toBe(8)
      expect(report.failed.map((f) => f.id)).toEqual([9, 10])
      expect(report.failed[0]!.reason).toContain("unknown product")
    }).pipe(Effect.provide(stack(10, { catalogueSize: 8 }))))

  it.effect("a failed statement fails exactly the rows of its batch, with the server's message", () => {
    const batches: Array<ReadonlyArray<number>> = []
    return Effect.gen(function* () {
      const report = yield* syncProductStatusBulk({ products: 10, batchSize: 4, concurrency: 1 })
      expect(report.updated + report.failed.length).toBe(10)
      const failedIds = report.failed.map((f) => f.id)
      const failingBatch = batches.find((batch) => batch.includes(6))!
      expect(failedIds).toEqual([...failingBatch].sort((a, b) => a - b))
      expect(report.failed[0]).toMatchObject({ reason: "Deadlock found", errno: 1213 })
      expect(report.statements).toBe(batches.length)
    }).pipe(Effect.provide(stack(10, { writer: recordingWriter(batches, 6) })))
  })

  it.effect("never has more than `concurrency` write statements in flight", () => {
    const batches: Array<ReadonlyArray<number>> = []
    return Effect.gen(function* () {
      // 10 batches of 10 rows, 100 ms each, 3 at a time: ceil(10 / 3) rounds = 400 ms.
      const report = yield* inVirtualTime(syncProductStatusBulk({ products: 100, batchSize: 10, concurrency: 3 }))
      expect(report).toMatchObject({ updated: 100, statements: 10, elapsedMs: 400 })
    }).pipe(Effect.provide(stack(100, { writer: recordingWriter(batches, undefined, "100 millis") })))
  })

  it.effect("products missing from the table are reported, and every product is accounted for", () =>
    Effect.gen(function* () {
      const report = yield* syncProductStatusBulk({ products: 12, batchSize: 5 })
      expect(report.updated).toBe(9)
      expect(report.failed).toEqual([10, 11, 12].map((id) => ({ id, reason: "not in the products table" })))
    }).pipe(Effect.provide(stack(9))))

  it.effect("zero products is an empty report; bad options are a typed InvalidOptionError", () =>
    Effect.gen(function* () {
      expect(yield* syncProductStatusBulk({ products: 0 })).toMatchObject({ updated: 0, failed: [], statements: 0 })
      const error = yield* Effect.flip(syncProductStatusBulk({ products: 5, batchSize: 0 }))
      expect(error).toBeInstanceOf(InvalidOptionError)
      expect(error.option).toBe("batchSize")
    }).pipe(Effect.provide(stack(5))))

  it.effect("interruptWhen stops the run with a report: batches written stay written, the rest are not attempted", () =>
    Effect.gen(function* () {
      const batches: Array<ReadonlyArray<number>> = []
      // Each batch's write takes 100 ms, one at a time: at 250 ms two batches are written.
      const report = yield* inVirtualTime(
        syncProductStatusBulk({
          products: 20,
          batchSize: 4,
          concurrency: 1,
          interruptWhen: Effect.sleep("250 millis"),
        }).pipe(
          Effect.provide(stack(20, { writer: recordingWriter(batches, undefined, "100 millis") })),
        ),
      )
      expect(report.stoppedBy).toBe("interrupted")
      expect(report.updated).toBe(8)
      expect(report.updated + report.failed.length).toBe(20)
      expect(new Set(report.failed.map((f) => f.reason))).toEqual(new Set(["not attempted"]))
      expect(report.failed.map((f) => f.id)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
    }))

  it("the SQL writer's statement depends only on the batch size: every value is a parameter (3 per row + synced_at)", () => {
    const text = bulkUpdateSql(3)
    expect(text.match(/\?/g)).toHaveLength(3 * 3 + 1)
    expect(text).toBe(
      "UPDATE products AS p JOIN (SELECT ? AS id, ? AS stock, ? AS discontinued UNION ALL SELECT ?, ?, ? UNION ALL " +
        "SELECT ?, ?, ?) AS s ON s.id = p.id SET p.stock = s.stock, p.discontinued = s.discontinued, p.synced_at = ?",
    )
    expect(bulkUpdateSql(500).match(/\?/g)).toHaveLength(1_501)
  })
})
