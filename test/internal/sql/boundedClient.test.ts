/**
 * The product store's own pool (src/internal/sql/boundedClient.ts) against a
 * real MariaDB: every statement has a reply deadline, a connection whose
 * reply did not come is destroyed (never reused), and each connection carries
 * the lock wait from its first statement, so writes send no `SET` of their own.
 * Outcomes only: errors, connection ids, the server's own session counters.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect, Fiber, Layer, Metric, Schedule } from "effect"
import mysql from "mysql2/promise"
import { PoolMetrics, ProductId, ProductRepository, StoreConnections } from "poolwise/sync"
import { migrate, mysqlFailureKind } from "poolwise/sql"
import { layerBoundedMysql } from "../../../src/internal/sql/mysqlClient.ts"
import { mysqlErrorInfo } from "../../../src/internal/sql/mysqlError.ts"
import { openHarness } from "../../integration/harness.ts"

const harness = await openHarness("bounded")

describe.skipIf(harness === undefined)("the product store's pool with a reply deadline", () => {
  const h = harness!
  afterAll(() => h.cleanup())

  // The store over a bounded client of one connection, both with a lock wait of 1 s.
  const storeOnOneConnection = () =>
    ProductRepository.layerSql({ lockWaitTimeout: "1 second" }).pipe(
      Layer.provideMerge(layerBoundedMysql({ url: h.url(), poolSize: 1, lockWaitTimeout: "1 second" })),
    )
  // One of this session's status counters (its statements of one kind so far).
  const sessionStatus = (sql: SqlClient, name: string) =>
    sessionNumber(
      sql,
      `SELECT VARIABLE_VALUE AS n FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = '${name}'`,
    )
  const sessionNumber = (sql: SqlClient, query: string) =>
    Effect.map(sql.unsafe<{ n: number | string }>(query), (rows) => Number(rows[0]!.n))

  it.live(
    "a statement with no reply within statementTimeout fails as a lost connection (STATEMENT_TIMEOUT), and its connection is never used again",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient
        const before = yield* sessionNumber(sql, "SELECT CONNECTION_ID() AS n")
        const failed = yield* Effect.flip(sql`SELECT SLEEP(5) AS n`)
        expect(mysqlErrorInfo(failed).code).toBe("STATEMENT_TIMEOUT")
        expect(mysqlFailureKind(failed)).toBe("connection")
        // One connection in the pool: the next statement runs on a new one.
        const after = yield* sessionNumber(sql, "SELECT CONNECTION_ID() AS n")
        expect(after).not.toBe(before)
      }).pipe(
        Effect.provide(layerBoundedMysql({ url: h.url(), poolSize: 1, statementTimeout: "500 millis" })),
      ),
    30_000,
  )

  it.live(
    "each connection runs under lockWaitTimeout from its start, and the store's writes send no SET of their own",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient
        const repository = yield* ProductRepository
        yield* migrate
        yield* repository.ensureProducts(20)
        const setsBefore = yield* sessionStatus(sql, "COM_SET_OPTION")
        for (let id = 1; id <= 20; id++) {
          yield* repository.updateStatus(
            ProductId.make(id),
            { stock: id, discontinued: false },
            new Date(),
            "bounded-run",
          )
        }
        const setsAfter = yield* sessionStatus(sql, "COM_SET_OPTION")
        expect(setsAfter - setsBefore).toBe(0)
        expect(yield* sessionNumber(sql, "SELECT @@SESSION.innodb_lock_wait_timeout AS n")).toBe(1)
      }).pipe(
        Effect.provide(storeOnOneConnection()),
      ),
    30_000,
  )

  it.live(
    "a row write and a batch write are one statement each: their matched rows come from the UPDATE's own reply, no SELECT follows",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient
        const repository = yield* ProductRepository
        yield* migrate
        yield* repository.ensureProducts(40)
        const selects = sessionStatus(sql, "COM_SELECT")
        // What reading the counter itself adds, on this one connection.
        const idle = -(yield* selects) + (yield* selects)
        const before = yield* selects
        for (let id = 1; id <= 20; id++) {
          yield* repository.updateStatus(ProductId.make(id), { stock: id, discontinued: false }, new Date(), "one-each")
        }
        const missing = yield* repository.updateStatuses(
          Array.from({ length: 20 }, (_, i) => ({
            id: ProductId.make(21 + i),
            status: { stock: i, discontinued: true },
          })),
          new Date(),
          "one-each",
        )
        const after = yield* selects
        expect(missing).toEqual([])
        expect(after - before).toBe(idle)
        // The writes landed, and a row that does not exist is still told apart from one already written.
        const written = yield* repository.writtenBy(
          "one-each",
          Array.from({ length: 40 }, (_, i) => ProductId.make(i + 1)),
        )
        expect(written).toHaveLength(40)
        const absent = yield* Effect.flip(
          repository.updateStatus(ProductId.make(99), { stock: 1, discontinued: false }, new Date(), "one-each"),
        )
        expect(absent._tag).toBe("ProductNotFound")
        yield* repository.updateStatus(ProductId.make(1), { stock: 1, discontinued: false }, new Date(), "one-each")
      }).pipe(
        Effect.provide(storeOnOneConnection()),
      ),
    30_000,
  )

  it.live(
    "a row write is one step on the pool: counted while it holds its connection, its wait recorded; interrupted mid-UPDATE it gives the connection back at once, destroyed, and the next write runs on a new one",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient
        const repository = yield* ProductRepository
        const connections = yield* StoreConnections
        yield* migrate
        yield* repository.ensureProducts(10)
        const write = (id: number) =>
          repository.updateStatus(ProductId.make(id), { stock: id, discontinued: false }, new Date(), "held")
        const waits = Effect.map(Metric.value(PoolMetrics.connectionWait), (state) => state.count)
        const before = yield* waits
        yield* connections.resetStats
        for (let id = 1; id <= 5; id++) yield* write(id)
        expect((yield* waits) - before).toBe(5)
        expect(yield* connections.stats).toEqual({ inFlight: 0, peakConnections: 1 })

        const first = yield* sessionNumber(sql, "SELECT CONNECTION_ID() AS n")
        // Product 7 locked elsewhere: its write waits on the server until interrupted.
        const locker = yield* Effect.promise(async () => {
          const connection = await mysql.createConnection({ ...h.admin.config, database: h.database })
          await connection.query("BEGIN")
          await connection.query("SELECT id FROM products WHERE id = 7 FOR UPDATE")
          return connection
        })
        const stuck = yield* Effect.fork(write(7))
        // Holding its connection (the UPDATE is sent in the same step): no fixed sleep, the gauge is watched.
        yield* Effect.repeat(connections.stats, {
          until: (stats) => stats.inFlight === 1,
          schedule: Schedule.spaced("10 millis"),
        })
        yield* Fiber.interrupt(stuck)
        expect((yield* connections.stats).inFlight).toBe(0)
        // The pool of one gave its permit back: the next statements run, on a new connection.
        yield* write(8)
        expect(yield* sessionNumber(sql, "SELECT CONNECTION_ID() AS n")).not.toBe(first)
        yield* Effect.promise(() => locker.query("ROLLBACK").then(() => locker.end()))
      }).pipe(
        Effect.provide(
          ProductRepository.layerSql({ lockWaitTimeout: "2 seconds" }).pipe(
            Layer.provideMerge(layerBoundedMysql({ url: h.url(), poolSize: 1, lockWaitTimeout: "2 seconds" })),
          ),
        ),
      ),
    30_000,
  )
})
