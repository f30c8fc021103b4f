/**
 * The product store in MySQL. Every value travels as a statement parameter:
 * product names contain quotes, and `MysqlClient` enables
 * `multipleStatements`, so a spliced string could run a second statement.
 *
 * Every statement starts with a comment naming this store (`/* poolwise
 * <tag> *\/`), which is how `cancelRunning` finds this process's statements
 * in the server's process list, and only those.
 *
 * @internal
 */
import { MysqlClient } from "@effect/sql-mysql2/MysqlClient"
import { SqlClient } from "@effect/sql/SqlClient"
import { type Duration, Effect, FiberRef, Option } from "effect"
import * as defaults from "../defaults.ts"
import {
  check,
  finiteDuration,
  type InvalidOptionError,
  nonNegativeInteger,
  optional,
  positiveInteger,
} from "../options/rules.ts"
import { asBoundedClient, type Holding } from "../sql/boundedClient.ts"
import { cancelTaggedStatements } from "../sql/cancelStatements.ts"
import { lockWaitSeconds as wholeSeconds } from "../sql/mysqlClient.ts"
import { makeBulkWriter } from "./bulkWrite.ts"
import { makeConnectionGauge } from "./ConnectionGauge.ts"
import { makePoolGate } from "./PoolGate.ts"
import { PoolMetrics } from "./PoolMetrics.ts"
import { ProductId, productName } from "./Product.ts"
import { ProductNotFound, RepositoryError } from "./RepositoryError.ts"
import { affectedRows, decodeIds, decodeProducts, decodeRuns } from "./sqlRows.ts"
import type { ProductRepositoryShape, Store, SyncRun } from "./Store.ts"

/** The SQL store's knobs (documented on `ProductRepository.layerSql`). */
export interface SqlRepositoryOptions {
  /**
   * The session's `innodb_lock_wait_timeout` for each write, in whole seconds
   * (rounded up, at least 1). MySQL's default is 50 s: a row lock held
   * elsewhere would hold the write, its pool connection and, after an
   * interrupt, its server thread that long. Unset: the server's setting.
   */
  readonly lockWaitTimeout?: Duration.DurationInput | undefined
}

const storeTag = (): string => `poolwise ${Math.random().toString(36).slice(2, 12).padEnd(10, "0")}`

/**
 * Builds the MySQL store over the `SqlClient` in context. When that client is
 * a `MysqlClient`, statements also wait in line for one of its pool's
 * connections (see PoolGate.ts).
 */
export const makeSqlRepository = (
  options: SqlRepositoryOptions = {},
): Effect.Effect<Store, InvalidOptionError, SqlClient> =>
  Effect.gen(function* () {
    const lockWait = yield* check(optional(finiteDuration), "lockWaitTimeout", options.lockWaitTimeout)
    const sql = yield* SqlClient
    const tagText = `/* ${storeTag()} */`
    const tag = sql.literal(tagText)
    const lockWaitSeconds = lockWait === undefined ? undefined : wholeSeconds(lockWait)
    // Over the live stack's own pool each connection already runs under this lock wait: no SET per write,
    // and each write goes straight to a pooled connection (no span, no compiling: see boundedClient.ts).
    const bounded = asBoundedClient(sql)
    const lean = bounded !== undefined && bounded.sessionLockWaitSeconds === lockWaitSeconds ? bounded : undefined
    const gauge = yield* makeConnectionGauge
    // mysql2 queues statements beyond its connectionLimit where an interrupt
    // cannot reach them; a gate of the same size keeps that wait in Effect.
    const mysql = yield* Effect.serviceOption(MysqlClient)
    const poolSize = Option.flatMap(mysql, (client) => Option.fromNullable(client.config.maxConnections))
    const gate = Option.isSome(poolSize) && poolSize.value > 0 ? yield* makePoolGate(poolSize.value) : undefined
    const pooled = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      gate === undefined ? effect : gate.withConnection(effect)

    const statement = <A, E>(operation: string, effect: Effect.Effect<A, E>): Effect.Effect<A, RepositoryError> =>
      pooled(gauge.track(Effect.mapError(effect, (error) => RepositoryError.fromCause(operation, error))))
    // A write under the session's lock wait timeout, in one round trip: the SET and the
    // statement run on the same pool connection (`multipleStatements` is on; values stay parameters).
    // Writes go as text, so the process list shows each with its values (what KILL QUERY and the tests find).
    // Each result is the driver's own (one per statement with the SET): `affectedRows` reads the UPDATE's.
    const withLockWait = (text: string, params: ReadonlyArray<unknown>): Effect.Effect<unknown, unknown> =>
      lean !== undefined
        ? lean.runText(`${tagText} ${text}`, params)
        : lockWaitSeconds === undefined
        ? sql.unsafe(`${tagText} ${text}`, params).raw
        : sql.unsafe(`${tagText} SET SESSION innodb_lock_wait_timeout = ?; ${tagText} ${text}`, [
          lockWaitSeconds,
          ...params,
        ]).unprepared

    const ensureProducts: ProductRepositoryShape["ensureProducts"] = (count, ensure = {}) =>
      Effect.gen(function* () {
        const total = yield* check(nonNegativeInteger, "count", count)
        const batchSize = (yield* check(optional(positiveInteger), "batchSize", ensure.batchSize)) ??
          defaults.insertBatchSize
        const name = ensure.name ?? productName
        let inserted = 0
        for (let from = 1; from <= total; from += batchSize) {
          const to = Math.min(total, from + batchSize - 1)
          const present = yield* statement(
            "ensureProducts",
            Effect.map(
              sql<
                { present: number | string }
              >`${tag} SELECT COUNT(*) AS present FROM products WHERE id BETWEEN ${from} AND ${to}`,
              (rows) => Number(rows[0]?.present ?? 0),
            ),
          )
          // A full batch needs no insert: reruns over a big table stay cheap.
          if (present === to - from + 1) continue
          const rows = Array.from({ length: to - from + 1 }, (_, i) => {
            const id = ProductId.make(from + i)
            return { id, name: name(id), stock: 0, discontinued: false }
          })
          const result = yield* statement(
            "ensureProducts",
            sql`${tag} INSERT INTO products ${sql.insert(rows)} ON DUPLICATE KEY UPDATE id = id`.raw,
          )
          inserted += affectedRows(result)
        }
        return inserted
      })

    const pageIds: ProductRepositoryShape["pageIds"] = ({ after, limit, upTo, run }) => {
      const last = upTo ?? Number.MAX_SAFE_INTEGER
      const query = run === undefined
        ? sql`${tag} SELECT id FROM products WHERE id > ${after} AND id <= ${last} ORDER BY id LIMIT ${limit}`
        : run.synced
        ? sql`${tag} SELECT id FROM products WHERE id > ${after} AND id <= ${last} AND sync_run_id = ${run.id} ORDER BY id LIMIT ${limit}`
        // <=> is NULL-safe: a row no run has written yet is "not synced by this run".
        : sql`${tag} SELECT id FROM products WHERE id > ${after} AND id <= ${last} AND NOT (sync_run_id <=> ${run.id}) ORDER BY id LIMIT ${limit}`
      return statement("pageIds", Effect.flatMap(query, decodeIds))
    }

    const existing = (ids: ReadonlyArray<ProductId>) =>
      statement(
        "updateStatus",
        Effect.flatMap(sql`${tag} SELECT id FROM products WHERE ${sql.in("id", ids)}`, decodeIds),
      )
        .pipe(Effect.map((found) => new Set<number>(found)))

    const bulk = makeBulkWriter()

    // A row write over the lean client waits in the client's own line (the same size as the pool, first come
    // first served): counted and its wait recorded as it takes a connection, in the client's one callback.
    const holding: Holding = {
      hold: (waited, fiber) => {
        gauge.enter()
        PoolMetrics.connectionWait.unsafeUpdate(waited, fiber.getFiberRef(FiberRef.currentMetricLabels))
      },
      free: gauge.leave,
    }
    const rowSql =
      "UPDATE products SET stock = ?, discontinued = ?, synced_at = ?, sync_run_id = ? WHERE id = ? AND NOT (sync_run_id <=> ?)"
    const rowSqlNoRun =
      "UPDATE products SET stock = ?, discontinued = ?, synced_at = ?, sync_run_id = NULL WHERE id = ?"
    const [rowText, rowTextNoRun] = [`${tagText} ${rowSql}`, `${tagText} ${rowSqlNoRun}`]

    // mysql2 sets CLIENT_FOUND_ROWS, so affectedRows counts matched rows, changed or not.
    // A write with a run id matches only rows that run has not written: 0 rows is
    // either "already written by this run" (a retry after a lost reply) or "no such row".
    const updateStatus: ProductRepositoryShape["updateStatus"] = (id, status, syncedAt, runId) => {
      // Matched, or (0 rows under a run id) asked whether the row exists.
      const matched = (result: unknown): Effect.Effect<void, RepositoryError | ProductNotFound> =>
        affectedRows(result) > 0
          ? Effect.void
          : runId === undefined
          ? Effect.fail(new ProductNotFound({ id }))
          : Effect.flatMap(
            existing([id]),
            (found) => found.has(id) ? Effect.void : Effect.fail(new ProductNotFound({ id })),
          )
      const params = runId === undefined
        ? [status.stock, status.discontinued, syncedAt, id]
        : [status.stock, status.discontinued, syncedAt, runId, id, runId]
      if (lean !== undefined) {
        // One step after the client's one callback: the error named, or the result read.
        return Effect.matchEffect(lean.runText(runId === undefined ? rowTextNoRun : rowText, params, holding), {
          onFailure: (error) => Effect.fail(RepositoryError.fromCause("updateStatus", error)),
          onSuccess: matched,
        })
      }
      return Effect.flatMap(
        statement("updateStatus", withLockWait(runId === undefined ? rowSqlNoRun : rowSql, params)),
        matched,
      )
    }

    const updateStatuses: ProductRepositoryShape["updateStatuses"] = (rows, syncedAt, runId) => {
      if (rows.length === 0) return Effect.succeed([])
      const { text, params } = bulk(rows, syncedAt, runId)
      return statement("updateStatuses", withLockWait(text, params)).pipe(
        Effect.flatMap((result) =>
          affectedRows(result) === rows.length ? Effect.succeed([]) : Effect.map(
            existing(rows.map((row) => row.id)),
            (found) => rows.filter((row) => !found.has(row.id)).map((row) => row.id),
          )
        ),
      )
    }

    const writtenBy: ProductRepositoryShape["writtenBy"] = (runId, ids) =>
      ids.length === 0 ? Effect.succeed([]) : statement(
        "writtenBy",
        Effect.flatMap(
          sql`${tag} SELECT id FROM products WHERE ${sql.in("id", ids)} AND sync_run_id = ${runId}`,
          decodeIds,
        ),
      )

    const findById: ProductRepositoryShape["findById"] = (id) =>
      statement(
        "findById",
        Effect.flatMap(
          sql`${tag} SELECT id, name, stock, discontinued, synced_at FROM products WHERE id = ${id}`,
          decodeProducts,
        ),
      ).pipe(Effect.map((rows) => Option.fromNullable(rows[0])))

    const beginRun: ProductRepositoryShape["beginRun"] = (run) =>
      statement(
        "beginRun",
        sql`${tag} INSERT INTO sync_runs (id, products, started_at, completed_at) VALUES (${run.id}, ${run.products}, ${run.startedAt}, ${run.completedAt})`,
      ).pipe(Effect.asVoid)

    const completeRun: ProductRepositoryShape["completeRun"] = (id, at) =>
      statement("completeRun", sql`${tag} UPDATE sync_runs SET completed_at = ${at} WHERE id = ${id}`).pipe(
        Effect.asVoid,
      )

    const latestIncompleteRun: ProductRepositoryShape["latestIncompleteRun"] = statement(
      "latestIncompleteRun",
      Effect.flatMap(
        sql`${tag} SELECT id, products, started_at, completed_at FROM sync_runs WHERE completed_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1`,
        decodeRuns,
      ),
    ).pipe(
      Effect.map((rows) =>
        Option.map(Option.fromNullable(rows[0]), (row): SyncRun => ({
          id: row.id,
          products: row.products,
          startedAt: row.started_at,
          completedAt: row.completed_at,
        }))
      ),
    )

    return {
      repository: {
        ensureProducts,
        pageIds,
        updateStatus,
        updateStatuses,
        writtenBy,
        findById,
        beginRun,
        completeRun,
        latestIncompleteRun,
      },
      connections: {
        ping: Effect.asVoid(statement("ping", sql`${tag} SELECT 1`)),
        cancelRunning: Option.match(mysql, {
          onNone: () => Effect.succeed(0),
          onSome: (client) => cancelTaggedStatements(client.config, tagText),
        }),
        stats: gauge.stats,
        resetStats: gauge.reset,
      },
    }
  })
