/**
 * The `MysqlClient` layer, with the pool size as an explicit, validated knob.
 *
 * Traps of `MysqlClient.make` (from `@effect/sql-mysql2`) this module avoids:
 *
 * - With `url` set, `poolConfig` is ignored: connect timeout, time zone and
 *   every other mysql2 pool option are dropped silently. We parse the URL into
 *   host, port, user, password and database and use the non-url path.
 * - `maxConnections` becomes mysql2's `connectionLimit`. Left undefined it is
 *   mysql2's default of 10; `0` means *no limit*. We always pass a validated
 *   whole number ≥ 1.
 * - Off the url path, `maxIdle` defaults to 0, which closes every connection
 *   about a second after it goes idle and starts a 1 s sweep timer that keeps
 *   Node alive forever if the first connect fails. We pass `maxIdle: poolSize`.
 * - Every query runs as `pool.execute`: a statement above the pool size waits
 *   in mysql2's own queue, where interrupting the Effect does not dequeue it.
 *   (`ProductRepository.layerSql` gates statements with a first-come gate of the same
 *   size so that waiting happens in Effect, interruptibly.)
 * - `multipleStatements` is always on, so a string pasted into SQL could run a
 *   second statement: every query here is parameterised.
 *
 * Pool size and task concurrency are different knobs. Tasks above the pool
 * size just queue for a connection; a pool (or a number of processes × pools)
 * above the server's `max_connections` is the incident.
 *
 * @since 0.1.0
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import type { SqlClient } from "@effect/sql/SqlClient"
import * as Client from "@effect/sql/SqlClient"
import * as Mysql from "@effect/sql-mysql2/MysqlClient"
import { Context, Data, Duration, Effect, Layer, type Redacted, Schedule } from "effect"
import { type InvalidOptionError, positiveInteger } from "../strategies/InvalidOptionError.ts"
import { type DatabaseUrlError, describeEndpoint, type MysqlEndpoint, parseDatabaseUrl } from "./DatabaseUrl.ts"
import { mysqlErrorInfo, mysqlFailureKind } from "./MysqlError.ts"
import * as defaults from "../internal/defaults.ts"

/**
 * The pool size when none is given: small on purpose. Raise it knowingly.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultPoolSize: number = defaults.poolSize

/**
 * How long one connection attempt may take. Below `MysqlClient.make`'s own
 * hard 5 s limit on the first connect, so an unreachable host fails with the
 * driver's error (`ETIMEDOUT`, `ECONNREFUSED`) rather than a generic timeout.
 *
 * @since 0.1.0
 * @category defaults
 */
export const defaultConnectTimeout: Duration.Duration = defaults.connectTimeout

/**
 * How long to keep trying when the server does not answer (refused or lost
 * connections): at startup, and in the sync job while it runs. A restart or
 * a failover usually takes seconds; half a minute rides through most without
 * hanging forever on a server that is gone.
 *
 * @since 0.2.0
 * @category defaults
 */
export const defaultServerWait: Duration.Duration = defaults.serverWait

/**
 * @since 0.1.0
 * @category models
 */
export interface MysqlPoolOptions {
  /** Most connections this process opens at once (mysql2's `connectionLimit`): a whole number ≥ 1. */
  readonly poolSize: number
  /** Limit for one connection attempt; {@link defaultConnectTimeout} if absent. */
  readonly connectTimeout?: Duration.DurationInput | undefined
  /**
   * How long the first connection keeps being retried while the server does
   * not answer (refused, reset, timed out); {@link defaultServerWait} if
   * absent. Bad credentials or an unknown database fail at once.
   */
  readonly serverWait?: Duration.DurationInput | undefined
}

/**
 * The first connection could not be made: host down, wrong port, bad
 * credentials, unknown database. The message names the endpoint, never the
 * password.
 *
 * @since 0.1.0
 * @category errors
 */
export class DatabaseConnectionError extends Data.TaggedError("DatabaseConnectionError")<{
  /** `user@host:port/database`. */
  readonly endpoint: string
  readonly reason: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
}> {
  override get message(): string {
    return `Cannot connect to MySQL at ${this.endpoint}: ${this.reason}`
  }
}

/**
 * The `MysqlClient` config for an endpoint and a pool: the non-url path, so
 * that `poolConfig` (connect timeout, UTC time zone) is honoured.
 *
 * @example
 * ```ts
 * import { mysqlClientConfig } from "poolwise/sql"
 *
 * const config = mysqlClientConfig(
 *   { host: "127.0.0.1", port: 3306, user: "root", password: undefined, database: "test" },
 *   { poolSize: 5 }
 * )
 * config.maxConnections // 5
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const mysqlClientConfig = (endpoint: MysqlEndpoint, pool: MysqlPoolOptions): Mysql.MysqlClientConfig => ({
  host: endpoint.host,
  port: endpoint.port,
  username: endpoint.user,
  password: endpoint.password,
  database: endpoint.database,
  maxConnections: pool.poolSize,
  poolConfig: {
    connectTimeout: Duration.toMillis(pool.connectTimeout ?? defaultConnectTimeout),
    maxIdle: pool.poolSize,
    // DATETIME has no zone: read and write it as UTC whatever the host's TZ.
    timezone: "Z",
  },
})

const connectionError = (endpoint: MysqlEndpoint, waited: Duration.Duration) => (error: unknown) => {
  const info = mysqlErrorInfo(error)
  const reason = info.message === "connection timeout" ? "no answer within 5 s" : info.message
  return new DatabaseConnectionError({
    endpoint: describeEndpoint(endpoint),
    reason: mysqlFailureKind(info) === "connection" && Duration.toMillis(waited) > 0
      ? `${reason} (still no answer after ${Duration.format(waited)} of retrying)`
      : reason,
    errno: info.errno,
    code: info.code,
  })
}

// Retries a refused, reset or timed-out first connection for up to `wait`, backing off to 1 s between attempts.
const untilServerAnswers = (wait: Duration.Duration) =>
  Schedule.exponential("100 millis", 2).pipe(
    Schedule.union(Schedule.spaced("1 second")),
    Schedule.upTo(wait),
    Schedule.whileInput((error: unknown) => mysqlFailureKind(mysqlErrorInfo(error)) === "connection"),
  )

/**
 * A scoped `MysqlClient`: checks the pool size, connects once (retrying for
 * up to `serverWait` while the server does not answer, then failing with a
 * {@link DatabaseConnectionError}), and closes the pool with the scope.
 *
 * @example
 * ```ts
 * import { Effect, Scope } from "effect"
 * import { makeMysqlClient } from "poolwise/sql"
 *
 * const client = makeMysqlClient(
 *   { host: "127.0.0.1", port: 3306, user: "root", password: undefined, database: "test" },
 *   { poolSize: 5 }
 * ) // Effect<MysqlClient, DatabaseConnectionError | InvalidOptionError, Scope | Reactivity>
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMysqlClient = (endpoint: MysqlEndpoint, pool: MysqlPoolOptions) =>
  Effect.flatMap(
    positiveInteger("poolSize", pool.poolSize),
    (poolSize) => {
      const wait = Duration.decode(pool.serverWait ?? defaultServerWait)
      return Mysql.make(mysqlClientConfig(endpoint, { ...pool, poolSize })).pipe(
        Effect.retry(untilServerAnswers(wait)),
        Effect.mapError(connectionError(endpoint, wait)),
      )
    },
  )

/**
 * `MysqlClient` and `SqlClient` for an endpoint and a pool.
 *
 * @example
 * ```ts
 * import { layerMysql } from "poolwise/sql"
 *
 * const Database = layerMysql(
 *   { host: "127.0.0.1", port: 3306, user: "root", password: undefined, database: "test" },
 *   { poolSize: 5 }
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMysql = (
  endpoint: MysqlEndpoint,
  pool: MysqlPoolOptions,
): Layer.Layer<Mysql.MysqlClient | SqlClient, DatabaseConnectionError | InvalidOptionError> =>
  Layer.scopedContext(
    Effect.map(makeMysqlClient(endpoint, pool), (client) =>
      Context.make(Mysql.MysqlClient, client).pipe(Context.add(Client.SqlClient, client))),
  ).pipe(Layer.provide(Reactivity.layer))

/**
 * @since 0.1.0
 * @category models
 */
export interface MysqlUrlOptions extends MysqlPoolOptions {
  /** `mysql://user:password@host:port/database` (or `mariadb://`). */
  readonly url: Redacted.Redacted<string>
}

/**
 * The layer for a `--database-url` flag: parses and checks the URL first, so a
 * malformed one fails with a {@link DatabaseUrlError} before any connection.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { layerMysqlFromUrl } from "poolwise/sql"
 *
 * const Database = layerMysqlFromUrl({ url: Redacted.make("mysql://root@127.0.0.1:3306/test"), poolSize: 5 })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMysqlFromUrl = (
  options: MysqlUrlOptions,
): Layer.Layer<Mysql.MysqlClient | SqlClient, DatabaseUrlError | DatabaseConnectionError | InvalidOptionError> =>
  Layer.unwrapEffect(Effect.map(parseDatabaseUrl(options.url), (endpoint) => layerMysql(endpoint, options)))
