/**
 * A bounded `MysqlClient` (and `SqlClient`) as one layer: from a URL, a parsed
 * endpoint, or the `MYSQL_*` environment, with the pool size as an explicit,
 * checked knob.
 *
 * Traps of `MysqlClient.make` (from `@effect/sql-mysql2`) it avoids: with
 * `url` set, `poolConfig` (connect timeout, time zone) is ignored, so the URL
 * is parsed here instead; `maxConnections` left out is mysql2's 10 and `0`
 * means no limit, so a whole number ≥ 1 is always passed; off the url path
 * `maxIdle` defaults to 0 (idle connections closed after a second, and a
 * sweep timer that keeps Node alive when the first connect fails), so it is
 * the pool size. Chapter 4 of the walkthroughs has the whole table.
 *
 * Pool size and task concurrency are different knobs. Tasks above the pool
 * size just queue for a connection; a pool (or a number of processes × pools)
 * above the server's `max_connections` is the incident.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sql/mysqlClient.ts"

/**
 * Where to connect, and the pool.
 *
 * - `url`: `mysql://user:password@host:port/database` (or `mariadb://`),
 *   parsed before any connection: a malformed one is a `DatabaseUrlError`.
 * - `endpoint`: where to connect, already parsed (`parseDatabaseUrl`); instead of `url`.
 * - Neither: `MYSQL_URL` (redacted) if set, else `MYSQL_HOST` (127.0.0.1),
 *   `MYSQL_PORT` (3306), `MYSQL_USER` (root), `MYSQL_PASSWORD` (redacted,
 *   none) and `MYSQL_DATABASE` (test), read with Effect `Config`.
 * - `poolSize`: most connections this process opens at once (mysql2's
 *   `connectionLimit`), a whole number ≥ 1; `MYSQL_POOL_SIZE` when reading the
 *   environment, else 5: small on purpose, raise it knowingly.
 * - `connectTimeout`: one connection attempt; 4 s, below `MysqlClient.make`'s
 *   own hard 5 s, so an unreachable host fails with the driver's error
 *   (`ETIMEDOUT`, `ECONNREFUSED`).
 * - `serverWait`: how long the first connection is retried while the server
 *   does not answer (refused, reset, timed out); 30 s, which rides out a
 *   restart or a failover. Bad credentials or an unknown database fail at once.
 *
 * Each is checked before anything else: a bad value is an `InvalidOptionError`
 * naming it.
 *
 * @since 0.1.0
 * @category models
 */
export type MysqlOptions = internal.MysqlOptions

/**
 * The first connection could not be made: host down, wrong port, bad
 * credentials, unknown database. The message names the endpoint, never the
 * password.
 *
 * @since 0.1.0
 * @category errors
 */
export const DatabaseConnectionError: typeof internal.DatabaseConnectionError = internal.DatabaseConnectionError

/**
 * @since 0.1.0
 * @category errors
 */
export type DatabaseConnectionError = internal.DatabaseConnectionError

/**
 * `MysqlClient` and `SqlClient` over a bounded pool (see {@link MysqlOptions}).
 * The layer connects once before it is built (waiting up to `serverWait` for
 * a server that does not answer yet, then failing with a
 * {@link DatabaseConnectionError}) and closes the pool with its scope.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { layerMysql } from "poolwise/sql"
 *
 * const FromUrl = layerMysql({ url: Redacted.make("mysql://root@127.0.0.1:3306/test"), poolSize: 5 })
 * const FromEnvironment = layerMysql() // MYSQL_URL or MYSQL_HOST/…, MYSQL_POOL_SIZE
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMysql: typeof internal.layerMysql = internal.layerMysql
