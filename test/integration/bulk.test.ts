/**
 * The bulk strategy against a real MariaDB/MySQL (see harness.ts for how to
 * enable these tests). Outcomes only, never durations.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, type Redacted } from "effect"
import { layerMysqlFromUrl, runMigrations } from "poolwise/sql"
import { ProductId, ProductRepository, simulatedStatus, SupplierStatus } from "poolwise/sync"
import { BulkStatusWriter, syncProductStatusBulk } from "../../src/sync/bulk.ts"
import { openHarness } from "./harness.ts"

const harness = await openHarness("bulk")

const products = 250
const seed = 5

const stack = (url: Redacted.Redacted<string>, poolSize: number) =>
  Layer.mergeAll(
    ProductRepository.layerSql,
    BulkStatusWriter.layerSql,
    SupplierStatus.layerSimulated({ seed, latency: 0 }),
  )
    .pipe(Layer.provideMerge(layerMysqlFromUrl({ url, poolSize })))

interface Row {
  readonly id: number
  readonly name: string
  readonly stock: number
  readonly discontinued: number
  readonly synced: number
}

describe.skipIf(harness === undefined)("bulk sync against a real MariaDB", () => {
  const h = harness!
  const rows = () =>
    Effect.promise(async () => {
      const [result] = await h.admin.query(
        `SELECT id, name, stock, discontinued, synced_at IS NOT NULL AS synced FROM \`${h.database}\`.products ORDER BY id`,
      )
      return (result as Array<Row>).map((r) => ({ ...r, id: Number(r.id) }))
    })

  afterAll(() => h.cleanup())

  it.live("setup: migrate and insert products 1..250, names with quotes", () =>
    Effect.gen(function* () {
      const inserted = yield* Effect.gen(function* () {
        yield* runMigrations
        const repo = yield* ProductRepository
        return yield* repo.ensureProducts(products, { name: (id) => `O'Brien's "${id}"; DROP TABLE products` })
      }).pipe(Effect.provide(stack(h.url(), 2)))
      expect(inserted).toBe(products)
    }))

  it.live("writes every row to the supplier's status in ceil(250 / 60) statements, names untouched", () =>
    Effect.gen(function* () {
      const report = yield* syncProductStatusBulk({ products, batchSize: 60, concurrency: 2 }).pipe(
        Effect.provide(stack(h.url(), 2)),
      )
      expect(report).toMatchObject({ updated: products, failed: [], statements: 5 })
      const table = yield* rows()
      expect(table).toHaveLength(products)
      for (const row of table) {
        const expected = simulatedStatus(ProductId.make(row.id), seed)
        expect([row.stock, row.discontinued === 1, row.synced]).toEqual([expected.stock, expected.discontinued, 1])
        expect(row.name).toBe(`O'Brien's "${row.id}"; DROP TABLE products`)
      }
    }))

  it.live("a batch never inserts: ids that are not in the table are skipped, not created", () =>
    Effect.gen(function* () {
      const written = yield* Effect.flatMap(BulkStatusWriter, (writer) =>
        writer.write([
          { id: ProductId.make(1), status: { stock: 7, discontinued: true } },
          { id: ProductId.make(999_999), status: { stock: 7, discontinued: true } },
        ], new Date())).pipe(Effect.provide(stack(h.url(), 1)))
      expect(written).toBe(1)
      const table = yield* rows()
      expect(table).toHaveLength(products)
      expect(table[0]).toMatchObject({ id: 1, stock: 7, discontinued: 1 })
    }))
})
