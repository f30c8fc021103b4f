/**
 * The product store the sync job reads ids from and writes statuses to, as a
 * service with its layers: MySQL (the whole stack, or over your own
 * `SqlClient`) and an in-process simulation that fails the way MySQL does
 * when it runs out of connections.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/ProductRepository.ts"

/**
 * The product store's domain calls: `ensureProducts(count)`,
 * `pageIds({ after, limit, upTo?, run? })` (keyset pagination),
 * `updateStatus(id, status, syncedAt, runId?)`, `updateStatuses(rows,
 * syncedAt, runId?)` (one multi-row statement), `writtenBy(runId, ids)`,
 * `findById(id)`, and the run records `beginRun`, `completeRun`,
 * `latestIncompleteRun`. Writes that carry a run id are idempotent per run: a
 * row that run has already written is left as it is and counts as written, so
 * a retried statement or a redelivered page never writes a product twice.
 * The service's shape is `Context.Tag.Service<ProductRepository>`.
 *
 * Every layer provides it together with `StoreConnections` (the operational
 * calls over the same connections):
 *
 * - `ProductRepository.layerMysql(options?)`: the whole live stack, built
 *   once: a bounded pool (the options of `layerMysql` of poolwise/sql: `url`,
 *   `endpoint` or the `MYSQL_*` environment, `poolSize`, `connectTimeout`,
 *   `serverWait`), the schema migrated, and the store over it, whose writes
 *   run under a session `innodb_lock_wait_timeout` of `lockWaitTimeout` (5 s,
 *   not MySQL's 50 s, which a row lock held elsewhere would make a write
 *   wait, holding its connection), set once per connection. Every statement
 *   has a reply deadline, `statementTimeout` (the lock wait plus 5 s, 10 s by
 *   default; a duration > 0): a statement with no reply by then (a frozen
 *   server, a path that drops packets) has its connection destroyed, never
 *   reused, and fails as a lost connection (code `STATEMENT_TIMEOUT`), so the
 *   job's retry policy waits for the server up to `serverWait`.
 * - `ProductRepository.layerSql(options?)`: the store over the `SqlClient` in
 *   context, with `lockWaitTimeout` unset (the server's setting) unless given.
 *   When the client is a `MysqlClient`, statements wait in line for one of
 *   its pool's connections, so calls above the pool size wait in Effect
 *   (interruptibly) instead of in mysql2's queue.
 * - `ProductRepository.layerSimulated(options?)`: the in-process store: a
 *   pool of `poolSize` connections (10, like mysql2), a server that refuses
 *   connections beyond `maxConnections` (151, like MySQL) with errno 1040 "Too
 *   many connections", a `queryLatency` per statement (1 ms) on Effect's
 *   clock, `products` already in the table, and `outages` (`{ at, lasting }`:
 *   the server does not answer).
 *
 * Every option is checked before the layer does anything: a bad one is an
 * `InvalidOptionError` naming it.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { ProductRepository } from "poolwise/sync"
 *
 * const firstPage = Effect.gen(function*() {
 *   const products = yield* ProductRepository
 *   yield* products.ensureProducts(100)
 *   return yield* products.pageIds({ after: 0, limit: 10 })
 * })
 *
 * Effect.runPromise(Effect.provide(firstPage, ProductRepository.layerSimulated()))
 * const Live = ProductRepository.layerMysql({ url: Redacted.make("mysql://root@127.0.0.1:3306/test"), poolSize: 5 })
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export const ProductRepository: typeof internal.ProductRepository = internal.ProductRepository

/**
 * @since 0.1.0
 * @category services
 */
export type ProductRepository = internal.ProductRepository
