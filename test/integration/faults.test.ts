/**
 * Faults injected into a real MariaDB/MySQL mid-run: killed connections, a
 * row lock held elsewhere, a user out of connections, an interrupted run.
 * Each test uses a throwaway user; they assert outcomes, never durations.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Context, Deferred, type Duration, Effect, Fiber, Layer, type Redacted, Ref } from "effect"
import mysql from "mysql2/promise"
import { pooledStrategy } from "poolwise"
import {
  listFailures,
  ProductRepository,
  RepositoryError,
  type RetryPolicy,
  SupplierStatus,
  type SyncOptions,
  syncProductStatus,
} from "poolwise/sync"
import { supplierAnswers } from "../support/supplierAnswers.ts"
import type { SimulatedSupplierOptions } from "./support/syncJob.ts"
import { expectRefusedByUserCap, openHarness, pollUntil, type ThrowawayUser } from "./harness.ts"

const harness = await openHarness("faults")

const products = 60
const seed = 5
const answerOf = supplierAnswers(seed)
const quickRetry: RetryPolicy = { times: 5, base: "20 millis", cap: "200 millis" }

interface StackOptions {
  readonly url: Redacted.Redacted<string>
  readonly poolSize: number
  readonly lockWaitTimeout?: Duration.DurationInput
  readonly supplier?: SimulatedSupplierOptions
  /** Sees every failed write attempt (before any retry). */
  readonly onWriteError?: (id: number, error: unknown) => Effect.Effect<void>
}

// The live stack, its writes watched.
const stack = (options: StackOptions) =>
  Layer.merge(
    Layer.map(
      ProductRepository.layerMysql({
        url: options.url,
        poolSize: options.poolSize,
        lockWaitTimeout: options.lockWaitTimeout,
      }),
      (context) => {
        const repo = Context.get(context, ProductRepository)
        return Context.add(context, ProductRepository, {
          ...repo,
          updateStatus: (...args) =>
            repo.updateStatus(...args).pipe(
              Effect.tapError((error) => options.onWriteError?.(args[0], error) ?? Effect.void),
            ),
        })
      },
    ),
    SupplierStatus.layerSimulated({ seed, latency: "20 millis", ...options.supplier }),
  )

const sync = (options: Omit<SyncOptions, "strategy" | "products"> & { readonly concurrency?: number }) =>
  Effect.flatMap(
    pooledStrategy({ concurrency: options.concurrency ?? 4 }),
    (strategy) => syncProductStatus({ ...options, strategy, products }),
  )

const errnoOf = (error: unknown) => error instanceof RepositoryError ? error.errno : undefined

describe.skipIf(harness === undefined)("faults against a real MariaDB", () => {
  const h = harness!
  const db = (sql: string, values: Array<unknown> = []) =>
    Effect.promise(() => h.admin.query(sql.replaceAll("$db", mysql.escapeId(h.database)), values))
  const one = <A>(sql: string, values: Array<unknown> = []) =>
    Effect.map(db(sql, values), ([rows]) => (rows as Array<A>)[0]!)
  const resetStatuses = db(
    "UPDATE $db.products SET stock = 0, discontinued = FALSE, synced_at = NULL, sync_run_id = NULL",
  )
  /** Every row equals the supplier's status, and the sums match: nothing lost, nothing written twice wrongly. */
  const expectAllSynced = Effect.gen(function* () {
    const [rows] = yield* db("SELECT id, stock, discontinued, synced_at FROM $db.products ORDER BY id")
    const table = rows as Array<{ id: number; stock: number; discontinued: number; synced_at: Date | null }>
    const expected = table.map((r) => answerOf(Number(r.id)))
    expect(table.filter((r) => r.synced_at === null).map((r) => r.id)).toEqual([])
    expect(table.map((r) => [Number(r.id), r.stock, r.discontinued === 1])).toEqual(
      expected.map((s) => [s.id, s.stock, s.discontinued]),
    )
    const sums = yield* one<{ stock: string; discontinued: string; n: number }>(
      "SELECT SUM(stock) AS stock, SUM(discontinued) AS discontinued, COUNT(*) AS n FROM $db.products",
    )
    expect([Number(sums.stock), Number(sums.discontinued), Number(sums.n)]).toEqual([
      expected.reduce((sum, s) => sum + s.stock, 0),
      expected.filter((s) => s.discontinued).length,
      products,
    ])
  })
  /** A root connection of its own, for a transaction that holds a row lock. */
  const lockRow = (id: number) =>
    Effect.promise(async () => {
      const connection = await mysql.createConnection({ ...h.admin.config, database: h.database })
      await connection.query("BEGIN")
      await connection.query("SELECT id FROM products WHERE id = ? FOR UPDATE", [id])
      return { release: Effect.promise(() => connection.query("ROLLBACK").then(() => connection.end())) }
    })
  /** Threads of `user` running the UPDATE of product `id` (e.g. waiting for its lock). */
  const updatingThreads = (user: ThrowawayUser, id: number) =>
    Effect.map(
      db(
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND COMMAND = 'Query' AND INFO LIKE ?",
        [user.name, `%UPDATE products %WHERE id = ${id} AND%`],
      ),
      ([rows]) => (rows as Array<{ id: number }>).map((r) => r.id),
    )

  beforeAll(async () => {
    await Effect.runPromise(
      Effect.gen(function* () {
        const repo = yield* ProductRepository
        yield* repo.ensureProducts(products)
      }).pipe(Effect.provide(stack({ url: h.url(), poolSize: 2 }))),
    )
  })
  afterAll(() => h.cleanup())

  it.live("connections killed mid-batch (KILL CONNECTION, one of them mid-UPDATE) are retried: every row ends at the supplier's values", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      const user = yield* Effect.promise(() => h.createUser("kill", 4))
      // Product 10's row is locked, so its UPDATE is surely running when the connection is killed.
      const lock = yield* lockRow(10)
      const errors = yield* Ref.make<Array<number | undefined>>([])
      const fiber = yield* Effect.fork(
        sync({ retry: quickRetry }).pipe(
          Effect.provide(stack({
            url: h.url({ user }),
            poolSize: 3,
            onWriteError: (_, error) => Ref.update(errors, (list) => [...list, errnoOf(error)]),
          })),
        ),
      )
      yield* pollUntil(updatingThreads(user, 10), (ids) => ids.length > 0)
      // Kill every connection of the pool: the one blocked in the UPDATE and the others.
      const [threads] = yield* db("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?", [user.name])
      for (const { id } of threads as Array<{ id: number }>) {
        yield* db("KILL CONNECTION ?", [id]).pipe(Effect.catchAllDefect(() => Effect.void))
      }
      yield* lock.release
      const report = yield* Fiber.join(fiber)
      yield* Effect.promise(() => h.waitForDrain(user))

      expect(report).toMatchObject({ products, updated: products, failed: 0 })
      expect(report.retries).toBeGreaterThanOrEqual(1)
      // What the killed UPDATE saw: the connection killed (MariaDB 1927) or lost (2013) / reset.
      expect((yield* Ref.get(errors)).length).toBeGreaterThanOrEqual(1)
      yield* expectAllSynced
    }))

  it.live("a row lock held past innodb_lock_wait_timeout: the write fails with 1205, is retried, and lands once the lock is gone", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      const user = yield* Effect.promise(() => h.createUser("lockretry", 4))
      const lock = yield* lockRow(7)
      const timedOut = yield* Ref.make(0)
      const report = yield* sync({ retry: quickRetry }).pipe(
        Effect.provide(stack({
          url: h.url({ user }),
          poolSize: 3,
          lockWaitTimeout: "1 second",
          // The first lock wait timeout on product 7 ends the other transaction.
          onWriteError: (id, error) =>
            id === 7 && errnoOf(error) === 1205
              ? Effect.zipRight(Ref.update(timedOut, (n) => n + 1), lock.release)
              : Effect.void,
        })),
      )
      yield* Effect.promise(() => h.waitForDrain(user))
      expect(yield* Ref.get(timedOut)).toBe(1)
      expect(report).toMatchObject({ updated: products, failed: 0 })
      expect(report.retries).toBeGreaterThanOrEqual(1)
      yield* expectAllSynced
    }))

  it.live("a row lock never released: the product is reported with the server's 1205 'Lock wait timeout' after its retries, never dropped, its row untouched", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      const user = yield* Effect.promise(() => h.createUser("lockfail", 4))
      const lock = yield* lockRow(7)
      const report = yield* sync({ retry: { times: 1, base: "10 millis", cap: "10 millis" } }).pipe(
        Effect.provide(stack({ url: h.url({ user }), poolSize: 3, lockWaitTimeout: "1 second" })),
        Effect.ensuring(lock.release),
      )
      yield* Effect.promise(() => h.waitForDrain(user))
      expect(report.updated).toBe(products - 1)
      expect([...listFailures(report)]).toEqual([
        expect.objectContaining({ id: 7, errno: 1205, reason: expect.stringContaining("Lock wait timeout exceeded") }),
      ])
      expect(report.retries).toBe(1)
      const row = yield* one<{ stock: number; synced: number }>(
        "SELECT stock, synced_at IS NOT NULL AS synced FROM $db.products WHERE id = 7",
      )
      expect(row).toEqual({ stock: 0, synced: 0 })
    }))

  /** Connections of `user` held by another client, as if another process had taken them. */
  const holdConnections = (user: ThrowawayUser, count: number) =>
    Effect.promise(async () => {
      const held = await Promise.all(
        Array.from({ length: count }, () =>
          mysql.createConnection({ ...h.admin.config, user: user.name, password: user.password })),
      )
      return {
        release: Effect.promise(() =>
          Promise.all(held.map((c) => c.end()))
        ),
      }
    })

  it.live("the user's MAX_USER_CONNECTIONS taken by another client: refused connections (1226) back off and succeed once it lets go", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      const user = yield* Effect.promise(() => h.createUser("capfree", 3))
      const released = yield* Deferred.make<void>()
      const refusals = yield* Ref.make(0)
      const report = yield* Effect.gen(function* () {
        // The pool has its first connection (the layer's connect check); the
        // other client takes the remaining 2 of the user's 3.
        const other = yield* holdConnections(user, 2)
        return yield* sync({ retry: { times: 8, base: "20 millis", cap: "500 millis" }, concurrency: 3 }).pipe(
          Effect.ensuring(other.release),
          Effect.provideService(
            ProductRepository,
            yield* Effect.map(ProductRepository, (repo) => ({
              ...repo,
              updateStatus: (...args: Parameters<typeof repo.updateStatus>) =>
                repo.updateStatus(...args).pipe(
                  Effect.tapError((error) =>
                    errnoOf(error) === 1226 || errnoOf(error) === 1203
                      ? Effect.zipRight(
                        Ref.update(refusals, (n) => n + 1),
                        Effect.whenEffect(
                          Effect.zipRight(other.release, Deferred.succeed(released, undefined)),
                          Effect.map(Deferred.isDone(released), (done) => !done),
                        ),
                      )
                      : Effect.void
                  ),
                ),
            })),
          ),
        )
      }).pipe(Effect.provide(stack({ url: h.url({ user }), poolSize: 3, supplier: { latency: 0 } })))
      yield* Effect.promise(() => h.waitForDrain(user))
      expect(yield* Ref.get(refusals)).toBeGreaterThanOrEqual(1)
      expect(report).toMatchObject({ updated: products, failed: 0 })
      expect(report.retries).toBeGreaterThanOrEqual(1)
      yield* expectAllSynced
    }))

  it.live("the user's connections never freed: when retries run out, each refused product fails with the server's max_user_connections message", () =>
    Effect.gen(function* () {
      yield* resetStatuses
      const user = yield* Effect.promise(() => h.createUser("capfull", 3))
      const report = yield* Effect.gen(function* () {
        const other = yield* holdConnections(user, 2)
        return yield* sync({ retry: { times: 1, base: "1 millis", cap: "1 millis" }, concurrency: 3 }).pipe(
          Effect.ensuring(other.release),
        )
      }).pipe(Effect.provide(stack({ url: h.url({ user }), poolSize: 3, supplier: { latency: 0 } })))
      yield* Effect.promise(() => h.waitForDrain(user))
      expectRefusedByUserCap(report, products)
      const synced = yield* one<{ n: number }>("SELECT COUNT(*) AS n FROM $db.products WHERE synced_at IS NOT NULL")
      expect(Number(synced.n)).toBe(report.updated)
    }))
})
