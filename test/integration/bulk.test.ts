/**
 * The bulk write mode against a real MariaDB/MySQL (see harness.ts for how to
 * enable these tests). Outcomes only, never durations.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, type Redacted } from "effect"
import { pooledStrategy } from "poolwise"
import { ProductId, ProductRepository, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { supplierAnswers } from "../support/supplierAnswers.ts"
import { openHarness } from "./harness.ts"

const harness = await openHarness("bulk")

const products = 250
const seed = 5
const answerOf = supplierAnswers(seed)

const stack = (url: Redacted.Redacted<string>, poolSize: number) =>
  Layer.merge(ProductRepository.layerMysql({ url, poolSize }), SupplierStatus.layerSimulated({ seed, latency: 0 }))

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
        const repo = yield* ProductRepository
        return yield* repo.ensureProducts(products, { name: (id) => `O'Brien's "${id}"; DROP TABLE products` })
      }).pipe(Effect.provide(stack(h.url(), 2)))
      expect(inserted).toBe(products)
    }))

  it.live("writes every row to the supplier's status in ceil(250 / 60) statements, names untouched", () =>
    Effect.gen(function* () {
      const report = yield* Effect.flatMap(
        pooledStrategy({ concurrency: 2 }),
        (strategy) => syncProductStatus({ strategy, products, write: "bulk", batchSize: 60 }),
      ).pipe(Effect.provide(stack(h.url(), 2)))
      expect(report).toMatchObject({ updated: products, failed: 0, statements: 5 })
      const table = yield* rows()
      expect(table).toHaveLength(products)
      for (const row of table) {
        const expected = answerOf(row.id)
        expect([row.stock, row.discontinued === 1, row.synced]).toEqual([expected.stock, expected.discontinued, 1])
        expect(row.name).toBe(`O'Brien's "${row.id}"; DROP TABLE products`)
      }
    }))

  it.live("a batch never inserts: ids that are not in the table are reported missing, not created", () =>
    Effect.gen(function* () {
      const missing = yield* Effect.flatMap(ProductRepository, (repo) =>
        repo.updateStatuses(
          [
            { id: ProductId.make(1), status: { stock: 7, discontinued: true } },
            { id: ProductId.make(999_999), status: { stock: 7, discontinued: true } },
          ],
          new Date(),
          "run-bulk-direct",
        )).pipe(Effect.provide(stack(h.url(), 1)))
      expect(missing).toEqual([999_999])
      const table = yield* rows()
      expect(table).toHaveLength(products)
      expect(table[0]).toMatchObject({ id: 1, stock: 7, discontinued: 1 })
    }))

  const rowTwo = () =>
    Effect.promise(async () => {
      const [result] = await h.admin.query(`SELECT stock, sync_run_id FROM \`${h.database}\`.products WHERE id = 2`)
      return (result as Array<{ stock: number; sync_run_id: string | null }>)[0]!
    })

  it.live("a row the run already wrote is left as it is, row by row and in a batch, and counts as written", () =>
    Effect.gen(function* () {
      const id = ProductId.make(2)
      yield* Effect.flatMap(ProductRepository, (repo) =>
        Effect.gen(function* () {
          yield* repo.updateStatus(id, { stock: 11, discontinued: false }, new Date(), "run-once")
          // The same run again (a retry after a lost reply): not written again, not an error.
          yield* repo.updateStatus(id, { stock: 22, discontinued: false }, new Date(), "run-once")
          const missing = yield* repo.updateStatuses(
            [{ id, status: { stock: 33, discontinued: false } }],
            new Date(),
            "run-once",
          )
          expect(missing).toEqual([])
          expect(yield* repo.writtenBy("run-once", [id, ProductId.make(3)])).toEqual([id])
        })).pipe(Effect.provide(stack(h.url(), 1)))
      expect(yield* rowTwo()).toEqual({ stock: 11, sync_run_id: "run-once" })
    }))
})
