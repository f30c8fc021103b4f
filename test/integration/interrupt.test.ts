/**
 * Stopping, resuming and bad supplier data against a real MariaDB/MySQL, as a
 * throwaway user. Outcomes only: rows, reports, the server's process list.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, type Redacted } from "effect"
import mysql from "mysql2/promise"
import { pooledStrategy } from "poolwise"
import { layerMysqlFromUrl, runMigrations } from "poolwise/sql"
import {
  notAttempted,
  ProductRepository,
  type SimulatedSupplierOptions,
  SupplierStatus,
  type SyncOptions,
  syncProductStatus,
} from "poolwise/sync"
import { openHarness, pollUntil } from "./harness.ts"

const harness = await openHarness("stop")

const products = 60

const stack = (url: Redacted.Redacted<string>, supplier: SimulatedSupplierOptions = {}) =>
  Layer.merge(
    ProductRepository.layerSqlWith({ lockWaitTimeout: "1 second" }),
    SupplierStatus.layerSimulated({ seed: 3, latency: "10 millis", ...supplier }),
  ).pipe(Layer.provideMerge(layerMysqlFromUrl({ url, poolSize: 3 })))

const sync = (options: Omit<SyncOptions, "strategy" | "products">) =>
  Effect.flatMap(
    pooledStrategy({ concurrency: 4 }),
    (strategy) => syncProductStatus({ ...options, strategy, products }),
  )

describe.skipIf(harness === undefined)("stopping and resuming against a real MariaDB", () => {
  const h = harness!
  const db = (sql: string, values: Array<unknown> = []) =>
    Effect.promise(() => h.admin.query(sql.replaceAll("$db", mysql.escapeId(h.database)), values))
  const count = (where: string, values: Array<unknown> = []) =>
    Effect.map(
      db(`SELECT COUNT(*) AS n FROM $db.products WHERE ${where}`, values),
      ([rows]) => Number((rows as Array<{ n: number }>)[0]!.n),
    )
  const resetStatuses = db(
    "UPDATE $db.products SET stock = 0, discontinued = FALSE, synced_at = NULL, sync_run_id = NULL",
  )

  beforeAll(async () => {
    await Effect.runPromise(
      Effect.gen(function* () {
        yield* runMigrations
        yield* Effect.flatMap(ProductRepository, (repo) => repo.ensureProducts(products))
      }).pipe(Effect.provide(stack(h.url()))),
    )
  })
  afterAll(() => h.cleanup())

  it.live("interrupting a run mid-UPDATE closes the pool, and the user's connections leave the server even while the row stays locked", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      const user = yield* Effect.promise(() => h.createUser("drain", 5))
      // A transaction of root's holds product 5: its UPDATE waits for the lock when we interrupt.
      const locker = yield* Effect.promise(() => mysql.createConnection({ ...h.admin.config, database: h.database }))
      yield* Effect.promise(() => locker.query("BEGIN"))
      yield* Effect.promise(() => locker.query("SELECT id FROM products WHERE id = 5 FOR UPDATE"))

      const fiber = yield* Effect.fork(sync({}).pipe(Effect.provide(stack(h.url({ user })))))
      // Wait until one of the user's transactions is waiting for that lock.
      yield* pollUntil(
        Effect.map(
          db(
            `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
              WHERE USER = ? AND COMMAND = 'Query' AND INFO LIKE 'UPDATE products %WHERE id = 5'`,
            [user.name],
          ),
          ([rows]) => Number((rows as Array<{ n: number }>)[0]!.n),
        ),
        (n) => n > 0,
      )
      // Closing the pool waits for the statement in flight, and the server runs
      // it to its end: the lock wait ends at innodb_lock_wait_timeout (1 s, set
      // per session by the repository) instead of MySQL's default 50 s.
      yield* Fiber.interrupt(fiber)
      yield* Effect.promise(() => h.waitForDrain(user))
      expect(yield* Effect.promise(() => h.connectionsOf(user))).toBe(0)
      yield* Effect.promise(() => locker.query("ROLLBACK").then(() => locker.end()))
      expect(yield* count("id = 5 AND synced_at IS NOT NULL")).toBe(0)
    }))

  it.live("resume: a run stopped midway is continued under its id, redoing none of the rows it wrote; a plain rerun syncs everything", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      // Runs left incomplete by other tests would be resumed first.
      yield* db("DELETE FROM $db.sync_runs")
      const url = h.url()
      // Stop once 20 products are done.
      const stop = yield* Deferred.make<void>()
      const first = yield* sync({
        interruptWhen: Deferred.await(stop),
        onItemDone: (event) => event.done === 20 ? Deferred.succeed(stop, undefined) : Effect.void,
      }).pipe(Effect.provide(stack(url)))
      expect(first.stoppedBy).toBe("interrupted")
      expect(first.updated).toBeGreaterThanOrEqual(20)
      expect(first.updated).toBeLessThan(products)
      expect(first.failed.every((f) => f.reason === "interrupted" || f.reason === notAttempted)).toBe(true)
      // What the database says the first run wrote (a write cut off in flight may still have landed).
      const writtenByFirst = yield* count("sync_run_id = ?", [first.runId])
      expect(writtenByFirst).toBeGreaterThanOrEqual(first.updated)

      const resumed = yield* sync({ resume: true }).pipe(Effect.provide(stack(url)))
      expect(resumed).toMatchObject({ runId: first.runId, resumed: true, failed: [] })
      expect(resumed.alreadySynced).toBe(writtenByFirst)
      // The resumed run's own updates: exactly the rows the first one had not written.
      expect(resumed.updated).toBe(products - writtenByFirst)
      expect(yield* count("sync_run_id = ? AND synced_at IS NOT NULL", [first.runId])).toBe(products)
      const [runs] = yield* db("SELECT completed_at IS NOT NULL AS complete FROM $db.sync_runs WHERE id = ?", [
        first.runId,
      ])
      expect(runs).toEqual([{ complete: 1 }])

      // Nothing left to resume: a new run starts and writes every row again.
      const rerun = yield* sync({ resume: true }).pipe(Effect.provide(stack(url)))
      expect(rerun).toMatchObject({ resumed: false, alreadySynced: 0, updated: products, failed: [] })
      expect(yield* count("sync_run_id = ?", [rerun.runId])).toBe(products)
    }))

  it.live("malformed supplier data (negative stock, NaN, unknown product) fails only those items, and their rows are untouched", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      const report = yield* sync({}).pipe(
        Effect.provide(stack(h.url(), {
          catalogueSize: products - 1,
          respond: (id) =>
            id === 3
              ? { id, stock: -5, discontinued: false }
              : id === 4
              ? { id, stock: Number.NaN, discontinued: true }
              : undefined,
        })),
      )
      expect(report.updated).toBe(products - 3)
      expect(report.failed.map((f) => [f.id, f.reason])).toEqual([
        [3, expect.stringContaining("stock: Expected a non-negative number, actual -5")],
        [4, expect.stringContaining("stock: Expected a non-negative number, actual NaN")],
        [products, "Supplier status for product 60: unknown product"],
      ])
      const [rows] = yield* db(
        "SELECT id, stock, discontinued, synced_at, sync_run_id FROM $db.products WHERE id IN (3, 4, ?) ORDER BY id",
        [products],
      )
      expect((rows as Array<Record<string, unknown>>).map((r) => ({ ...r, id: Number(r["id"]) }))).toEqual(
        [3, 4, products].map((id) => ({ id, stock: 0, discontinued: 0, synced_at: null, sync_run_id: null })),
      )
      expect(yield* count("synced_at IS NOT NULL")).toBe(products - 3)
    }))
})
