/**
 * Stopping, resuming and bad supplier data against a real MariaDB/MySQL, as a
 * throwaway user. Outcomes only: rows, reports, the server's process list.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Deferred, type Duration, Effect, Fiber, Layer, type Redacted } from "effect"
import mysql from "mysql2/promise"
import { listFailures, ProductRepository, SupplierStatus } from "poolwise/sync"
import { openHarness, pollUntil } from "./harness.ts"
import { pooledSync, type SimulatedSupplierOptions } from "./support/syncJob.ts"

/** The reasons a report gives to products that did not run to their end (documented on `SyncReport`). */
const interrupted = "interrupted"
const notAttempted = "not attempted"

const harness = await openHarness("stop")

const products = 60

const stack = (
  url: Redacted.Redacted<string>,
  supplier: SimulatedSupplierOptions = {},
  lockWaitTimeout: Duration.DurationInput = "1 second",
) =>
  Layer.merge(
    ProductRepository.layerMysql({ url, poolSize: 3, lockWaitTimeout }),
    SupplierStatus.layerSimulated({ seed: 3, latency: "10 millis", ...supplier }),
  )

const sync = pooledSync(products, 4)

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
        yield* Effect.flatMap(ProductRepository, (repo) => repo.ensureProducts(products))
      }).pipe(Effect.provide(stack(h.url()))),
    )
  })
  afterAll(() => h.cleanup())

  it.live("a stop mid-UPDATE cancels the statement on the server (KILL QUERY): the user's connections are gone in seconds, not after the 60 s lock wait", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      yield* db("DELETE FROM $db.sync_runs")
      const user = yield* Effect.promise(() => h.createUser("drain", 5))
      // A transaction of root's holds product 5: its UPDATE waits for the lock when we stop.
      const locker = yield* Effect.promise(() => mysql.createConnection({ ...h.admin.config, database: h.database }))
      yield* Effect.promise(() => locker.query("BEGIN"))
      yield* Effect.promise(() => locker.query("SELECT id FROM products WHERE id = 5 FOR UPDATE"))

      const stop = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(
        sync({ interruptWhen: Deferred.await(stop) }).pipe(Effect.provide(stack(h.url({ user }), {}, "60 seconds"))),
      )
      // Wait until one of the user's statements is waiting for that lock.
      yield* pollUntil(
        Effect.map(
          db(
            `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
              WHERE USER = ? AND COMMAND = 'Query' AND INFO LIKE '%UPDATE products %WHERE id = 5 AND%'`,
            [user.name],
          ),
          ([rows]) => Number((rows as Array<{ n: number }>)[0]!.n),
        ),
        (n) => n > 0,
      )
      const stoppedAt = Date.now()
      yield* Deferred.succeed(stop, undefined)
      const report = yield* Fiber.join(fiber)
      yield* Effect.promise(() => h.waitForDrain(user))
      const drainedIn = Date.now() - stoppedAt
      // The statement was cancelled, not waited out: far below the 60 s lock wait
      // (about a second on an idle machine; the bound is generous for a busy one).
      expect(drainedIn).toBeLessThan(30_000)
      expect(report.stoppedBy).toBe(interrupted)
      expect([...listFailures(report)].find((f) => f.id === 5)?.reason).toBe(interrupted)
      yield* Effect.promise(() => locker.query("ROLLBACK").then(() => locker.end()))
      expect(yield* count("id = 5 AND synced_at IS NOT NULL")).toBe(0)
      // The report and the table agree row for row.
      expect(yield* count("sync_run_id = ?", [report.runId])).toBe(report.updated)
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
      expect([...listFailures(first)].every((f) => f.reason === interrupted || f.reason === notAttempted)).toBe(true)
      // The report says exactly what the database holds: writes cut off in flight are asked about.
      const writtenByFirst = yield* count("sync_run_id = ?", [first.runId])
      expect(writtenByFirst).toBe(first.updated)

      const resumed = yield* sync({ resume: true }).pipe(Effect.provide(stack(url)))
      expect(resumed).toMatchObject({ runId: first.runId, resumed: true, failed: 0 })
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
      expect(rerun).toMatchObject({ resumed: false, alreadySynced: 0, updated: products, failed: 0 })
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
      expect([...listFailures(report)].map((f) => [f.id, f.reason])).toEqual([
        [3, expect.stringContaining("stock: Expected a non-negative number, actual -5")],
        [4, expect.stringContaining("stock: Expected a non-negative number, actual NaN")],
        [products, "supplier status: unknown product"],
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
