/**
 * The incident and its fix against a real MariaDB/MySQL (see harness.ts for
 * how to enable these tests). They assert outcomes, never durations.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, type Redacted } from "effect"
import { type InvalidOptionError, pooledStrategy, type Strategy, unboundedStrategy } from "poolwise"
import { SqlClient } from "@effect/sql/SqlClient"
import { layerMysql, migrate } from "poolwise/sql"
import {
  listFailures,
  noRetries,
  ProductId,
  ProductRepository,
  type RetryPolicy,
  SupplierStatus,
  syncProductStatus,
} from "poolwise/sync"
import { supplierAnswers } from "../support/supplierAnswers.ts"
import { expectRefusedByUserCap, openHarness } from "./harness.ts"

const harness = await openHarness("sync")

const products = 30
const seed = 11
const answerOf = supplierAnswers(seed)

/** Every table and column the migrations create, asked for: fails while any is missing. */
const schemaAnswers = Effect.flatMap(SqlClient, (sql) =>
  Effect.all([
    sql`SELECT id, name, stock, discontinued, synced_at, sync_run_id FROM products LIMIT 0`,
    sql`SELECT id, products, started_at, completed_at, pages, page_size, stop_requested, report,
      pages_done, updated_count, failed_count, round FROM sync_runs LIMIT 0`,
    sql`SELECT id, run_id, page, runner, started_at, ended_at, updated, failed FROM sync_page_attempts LIMIT 0`,
    sql`SELECT run_id, page, salt FROM sync_page_placements LIMIT 0`,
    sql`SELECT runner, job_pool, cluster_pool, seen_at FROM runner_budget LIMIT 0`,
  ], { discard: true }))

/** The repository and a simulated supplier (30 ms a call) over a pool of `poolSize` at `url`. */
const stack = (url: Redacted.Redacted<string>, poolSize: number) =>
  Layer.merge(
    ProductRepository.layerMysql({ url, poolSize }),
    SupplierStatus.layerSimulated({ seed, latency: "30 millis" }),
  )

const sync = (
  strategy: Effect.Effect<Strategy, InvalidOptionError>,
  url: Redacted.Redacted<string>,
  poolSize: number,
  retry?: RetryPolicy,
) =>
  Effect.flatMap(strategy, (s) => syncProductStatus({ strategy: s, products, retry })).pipe(
    Effect.provide(stack(url, poolSize)),
  )

interface Row {
  readonly id: number
  readonly stock: number
  readonly discontinued: number
  readonly synced: number
}

describe.skipIf(harness === undefined)("against a real MariaDB", () => {
  const h = harness!
  const rows = () =>
    Effect.promise(async () => {
      const [result] = await h.admin.query(
        `SELECT id, stock, discontinued, synced_at IS NOT NULL AS synced FROM \`${h.database}\`.products ORDER BY id`,
      )
      return (result as Array<Row>).map((r) => ({ ...r, id: Number(r.id) }))
    })
  const resetStatuses = Effect.promise(() =>
    h.admin.query(`UPDATE \`${h.database}\`.products SET stock = 0, discontinued = FALSE, synced_at = NULL`)
  )

  afterAll(() => h.cleanup())

  it.live("processes that migrate one fresh database at once all find the whole schema when migrate returns", () =>
    Effect.gen(function* () {
      const fresh = yield* Effect.promise(() => h.createDatabase("race"))
      // Each process has its own pool. The Migrator lets the losers of its lock return at once, while the
      // winner is still creating tables: `migrate` waits for the schema, so the query right after it works.
      const process = Effect.zipRight(migrate, schemaAnswers).pipe(
        Effect.provide(layerMysql({ url: h.url({ database: fresh }), poolSize: 1 })),
      )
      const outcomes = yield* Effect.all([process, process, process, process], {
        concurrency: "unbounded",
        mode: "either",
      })
      expect(outcomes.map((outcome) => outcome._tag)).toEqual(["Right", "Right", "Right", "Right"])
    }))

  it.live("migrate creates `products`, `sync_runs` and the cluster tables on an empty database, and a rerun applies nothing", () =>
    Effect.gen(function* () {
      const empty = yield* Effect.promise(() => h.createDatabase("migrations"))
      const applied = () =>
        Effect.promise(async () => {
          const [result] = await h.admin.query(
            `SELECT migration_id AS id, name FROM \`${empty}\`.effect_sql_migrations ORDER BY migration_id`,
          )
          return (result as Array<{ id: number; name: string }>).map((row) => [Number(row.id), row.name])
        })
      yield* migrate.pipe(Effect.provide(layerMysql({ url: h.url({ database: empty }), poolSize: 1 })))
      expect(yield* applied()).toEqual([
        [1, "create_products"],
        [2, "create_sync_runs"],
        [3, "create_cluster_tables"],
        [4, "add_run_counters"],
      ])
      const [columns] = yield* Effect.promise(() =>
        h.admin.query(
          `SELECT COLUMN_NAME AS name, DATA_TYPE AS type, COLUMN_TYPE AS columnType, IS_NULLABLE AS nullable,
                  COLUMN_KEY AS \`key\`
             FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'products'
            ORDER BY ORDINAL_POSITION`,
          [empty],
        )
      )
      expect(columns).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: "id", type: "bigint", nullable: "NO", key: "PRI" }),
          expect.objectContaining({ name: "name", columnType: "varchar(255)", nullable: "NO" }),
          expect.objectContaining({ name: "stock", type: "int", nullable: "NO" }),
          expect.objectContaining({ name: "discontinued", columnType: "tinyint(1)", nullable: "NO" }),
          expect.objectContaining({ name: "synced_at", columnType: "datetime(3)", nullable: "YES" }),
          expect.objectContaining({ name: "sync_run_id", columnType: "varchar(64)", nullable: "YES" }),
        ]),
      )
      // A rerun applies nothing: the tables keep their rows, the migrations table its four.
      yield* Effect.promise(() => h.admin.query(`INSERT INTO \`${empty}\`.products (id, name) VALUES (1, 'kept')`))
      yield* migrate.pipe(Effect.provide(layerMysql({ url: h.url({ database: empty }), poolSize: 1 })))
      expect(yield* applied()).toEqual([
        [1, "create_products"],
        [2, "create_sync_runs"],
        [3, "create_cluster_tables"],
        [4, "add_run_counters"],
      ])
      const [kept] = yield* Effect.promise(() => h.admin.query(`SELECT name FROM \`${empty}\`.products`))
      expect(kept).toEqual([{ name: "kept" }])
    }))

  it.live("setup: migrate the file's database and insert products 1..30 in batches", () =>
    Effect.gen(function* () {
      const inserted = yield* Effect.gen(function* () {
        const repo = yield* ProductRepository
        return yield* repo.ensureProducts(products, { batchSize: 7 })
      }).pipe(Effect.provide(stack(h.url(), 2)))
      expect(inserted).toBe(products)
      expect((yield* rows()).map((r) => r.id)).toEqual(Array.from({ length: products }, (_, i) => i + 1))
    }))

  it.live(
    "the incident (no retries): unbounded with a pool of 30 for a user allowed 3 connections fails with the server's own max_user_connections error, naming every unsynced id",
    () =>
      Effect.gen(function* () {
        yield* resetStatuses
        const user = yield* Effect.promise(() => h.createUser("incident", 3))
        const report = yield* sync(unboundedStrategy(), h.url({ user }), products, noRetries)
        yield* Effect.promise(() => h.waitForDrain(user))

        expectRefusedByUserCap(report, products)
        const table = yield* rows()
        expect([...listFailures(report)].map((f) => f.id)).toEqual(table.filter((r) => r.synced === 0).map((r) => r.id))
        expect(table.filter((r) => r.synced === 1)).toHaveLength(report.updated)
      }),
  )

  it.live(
    "the fix: a pool of 2 under the same limit with pooled(20) updates all 30 rows to the supplier's values, and the server never sees more than 2 connections of that user",
    () =>
      Effect.gen(function* () {
        yield* resetStatuses
        const user = yield* Effect.promise(() => h.createUser("fix", 3))
        const watch = h.watchConnections(user)
        const report = yield* sync(pooledStrategy({ concurrency: 20 }), h.url({ user }), 2).pipe(
          Effect.ensuring(Effect.promise(() => watch.stop())),
        )
        const serverPeak = yield* Effect.promise(() => watch.stop())

        expect(report).toMatchObject({ products, updated: products, failed: 0 })
        expect(report.peakConnections).toBeLessThanOrEqual(2)
        // The poller saw the run (≥ 1) and never more than the pool (≤ 2):
        // mysql2 opens connections only up to connectionLimit, the first one
        // (the layer's connect check) included.
        expect(serverPeak).toBeGreaterThanOrEqual(1)
        expect(serverPeak).toBeLessThanOrEqual(2)

        const table = yield* rows()
        expect(table.filter((r) => r.synced === 1)).toHaveLength(products)
        for (const row of table) {
          const expected = answerOf(row.id)
          expect({ id: row.id, stock: row.stock, discontinued: row.discontinued === 1 }).toEqual({
            id: row.id,
            stock: expected.stock,
            discontinued: expected.discontinued,
          })
        }
      }),
  )

  it.live("names with quotes and SQL metacharacters round-trip verbatim: every value is a parameter", () =>
    Effect.gen(function* () {
      const nasty = (id: number) => `O'Brien "x"; DROP TABLE products; -- ${id} \\' \` %_`
      const found = yield* Effect.gen(function* () {
        const repo = yield* ProductRepository
        yield* repo.ensureProducts(products + 3, { name: nasty })
        return yield* repo.findById(ProductId.make(products + 2))
      }).pipe(Effect.provide(stack(h.url(), 2)))
      expect(Option.map(found, (p) => p.name)).toEqual(Option.some(nasty(products + 2)))
      const [stored] = yield* Effect.promise(() =>
        h.admin.query(`SELECT id, name FROM \`${h.database}\`.products WHERE id > ? ORDER BY id`, [products])
      )
      expect((stored as Array<{ name: string }>).map((r) => r.name)).toEqual([31, 32, 33].map(nasty))
      expect((yield* rows()).length).toBe(products + 3)
    }))
})
