/**
 * The product store in MySQL. Every value travels as a statement parameter:
 * product names contain quotes, and `MysqlClient` enables
 * `multipleStatements`, so a spliced string could run a second statement.
 *
 * @since 0.1.0
 */
import { MysqlClient } from "@effect/sql-mysql2/MysqlClient"
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect, Option, Schema } from "effect"
import { positiveInteger } from "../strategies/InvalidOptionError.ts"
import { makeConnectionGauge } from "./ConnectionGauge.ts"
import { ProductFromRow, ProductId, productName } from "./Product.ts"
import type { ProductRepositoryShape } from "./ProductRepository.ts"
import { ProductNotFound, RepositoryError } from "./RepositoryError.ts"

const IdFromRow = Schema.Struct({
  id: Schema.compose(Schema.Union(Schema.Number, Schema.NumberFromString), ProductId),
})
const decodeIds = Schema.decodeUnknown(Schema.Array(IdFromRow))
const decodeProducts = Schema.decodeUnknown(Schema.Array(ProductFromRow))

const affectedRows = (result: unknown): number => {
  const value = typeof result === "object" && result !== null ? (result as { affectedRows?: unknown }).affectedRows : 0
  return typeof value === "number" ? value : 0
}

/**
 * Builds the MySQL store over the `SqlClient` in context (see
 * `ProductRepository.layerSql`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makeSqlRepository } from "poolwise"
 *
 * const program = Effect.flatMap(makeSqlRepository, (repo) => repo.pageIds({ after: 0, limit: 100 }))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSqlRepository: Effect.Effect<ProductRepositoryShape, never, SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient
  const gauge = yield* makeConnectionGauge
  // mysql2 queues statements beyond its connectionLimit where an interrupt
  // cannot reach them; a semaphore of the same size keeps that wait in Effect.
  const poolSize = Option.flatMap(
    yield* Effect.serviceOption(MysqlClient),
    (client) => Option.fromNullable(client.config.maxConnections),
  )
  const gate = Option.isSome(poolSize) && poolSize.value > 0
    ? (yield* Effect.makeSemaphore(poolSize.value)).withPermits(1)
    : <A, E, R>(effect: Effect.Effect<A, E, R>) => effect

  const statement = <A, E>(operation: string, effect: Effect.Effect<A, E>): Effect.Effect<A, RepositoryError> =>
    gate(gauge.track(Effect.mapError(effect, (error) => RepositoryError.fromCause(operation, error))))

  const ensureProducts: ProductRepositoryShape["ensureProducts"] = (count, options = {}) =>
    Effect.gen(function* () {
      const total = count === 0 ? 0 : yield* positiveInteger("count", count)
      const batchSize = yield* positiveInteger("batchSize", options.batchSize ?? 1000)
      const name = options.name ?? productName
      let inserted = 0
      for (let from = 1; from <= total; from += batchSize) {
        const to = Math.min(total, from + batchSize - 1)
        const present = yield* statement(
          "ensureProducts",
          Effect.map(
            sql<
              { present: number | string }
            >`SELECT COUNT(*) AS present FROM products WHERE id BETWEEN ${from} AND ${to}`,
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
          sql`INSERT INTO products ${sql.insert(rows)} ON DUPLICATE KEY UPDATE id = id`.raw,
        )
        inserted += affectedRows(result)
      }
      return inserted
    })

  const pageIds: ProductRepositoryShape["pageIds"] = ({ after, limit, upTo }) =>
    statement(
      "pageIds",
      Effect.flatMap(
        sql`SELECT id FROM products WHERE id > ${after} AND id <= ${
          upTo ?? Number.MAX_SAFE_INTEGER
        } ORDER BY id LIMIT ${limit}`,
        decodeIds,
      ),
    ).pipe(Effect.map((rows) => rows.map((row) => row.id)))

  const updateStatus: ProductRepositoryShape["updateStatus"] = (id, status, syncedAt) =>
    statement(
      "updateStatus",
      sql`UPDATE products SET stock = ${status.stock}, discontinued = ${status.discontinued}, synced_at = ${syncedAt} WHERE id = ${id}`
        .raw,
    ).pipe(
      // mysql2 sets CLIENT_FOUND_ROWS, so this counts matched rows, changed or not.
      Effect.filterOrFail((result) => affectedRows(result) > 0, () => new ProductNotFound({ id })),
      Effect.asVoid,
    )

  const findById: ProductRepositoryShape["findById"] = (id) =>
    statement(
      "findById",
      Effect.flatMap(
        sql`SELECT id, name, stock, discontinued, synced_at FROM products WHERE id = ${id}`,
        decodeProducts,
      ),
    ).pipe(Effect.map((rows) => Option.fromNullable(rows[0])))

  return { ensureProducts, pageIds, updateStatus, findById, stats: gauge.stats, resetStats: gauge.reset }
})
