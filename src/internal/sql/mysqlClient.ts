/**
 * The bounded `MysqlClient` layer (documented in src/sql/layerMysql.ts).
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
 *   (The product store gates statements with a first-come gate of the same
 *   size so that waiting happens in Effect, interruptibly.)
 * - `multipleStatements` is always on, so a string pasted into SQL could run a
 *   second statement: every query here is parameterised.
 *
 * @internal
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import type { SqlClient } from "@effect/sql/SqlClient"
import * as Client from "@effect/sql/SqlClient"
import * as Mysql from "@effect/sql-mysql2/MysqlClient"
import {
  Config,
  type ConfigError,
  Context,
  Data,
  Duration,
  Effect,
  Layer,
  Option,
  type Redacted,
  Schedule,
} from "effect"
import * as defaults from "../defaults.ts"
import {
  check,
  finiteDuration,
  fromText,
  type InvalidOptionError,
  optional,
  positiveDuration,
  positiveInteger,
} from "../options/rules.ts"
import { makeBoundedMysqlClient } from "./boundedClient.ts"
import { type DatabaseUrlError, describeEndpoint, type MysqlEndpoint, parseDatabaseUrl } from "./databaseUrl.ts"
import { mysqlErrorInfo, mysqlFailureKind } from "./mysqlError.ts"

/** Where to connect and how large a pool; see `layerMysql` in src/sql/layerMysql.ts for each field. */
export interface MysqlOptions {
  readonly url?: Redacted.Redacted<string> | undefined
  readonly endpoint?: MysqlEndpoint | undefined
  readonly poolSize?: number | undefined
  readonly connectTimeout?: Duration.DurationInput | undefined
  readonly serverWait?: Duration.DurationInput | undefined
}

/** A pool's settings once checked. */
export interface PoolSettings {
  readonly poolSize: number
  readonly connectTimeout: Duration.Duration
  readonly serverWait: Duration.Duration
}

/** The first connection could not be made. The message names the endpoint, never the password. */
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

/** What building the layer can fail with. */
export type MysqlLayerError = DatabaseUrlError | DatabaseConnectionError | InvalidOptionError | ConfigError.ConfigError

/** The `MysqlClient` config for an endpoint and a checked pool: the non-url path, so `poolConfig` is honoured. */
export const mysqlClientConfig = (endpoint: MysqlEndpoint, pool: PoolSettings): Mysql.MysqlClientConfig => ({
  host: endpoint.host,
  port: endpoint.port,
  username: endpoint.user,
  password: endpoint.password,
  database: endpoint.database,
  maxConnections: pool.poolSize,
  poolConfig: {
    connectTimeout: Duration.toMillis(pool.connectTimeout),
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
    Schedule.whileInput((error: unknown) => mysqlFailureKind(error) === "connection"),
  )

/** A scoped `MysqlClient`: connects once (retrying while the server does not answer), closed with the scope. */
export const makeMysqlClient = (endpoint: MysqlEndpoint, pool: PoolSettings) =>
  Mysql.make(mysqlClientConfig(endpoint, pool)).pipe(
    Effect.retry(untilServerAnswers(pool.serverWait)),
    Effect.mapError(connectionError(endpoint, pool.serverWait)),
  )

const poolSizeRule = optional(positiveInteger)
const durationRule = optional(finiteDuration)

/** The endpoint and pool size from the environment: `MYSQL_URL`, else `MYSQL_HOST` and friends; `MYSQL_POOL_SIZE`. */
export const mysqlSettings: Effect.Effect<
  { readonly endpoint: MysqlEndpoint; readonly poolSize: number },
  ConfigError.ConfigError | DatabaseUrlError | InvalidOptionError
> = Effect.gen(function* () {
  const poolText = yield* Config.option(Config.string("MYSQL_POOL_SIZE"))
  const poolSize = Option.isSome(poolText)
    ? yield* check(fromText(positiveInteger), "MYSQL_POOL_SIZE", poolText.value)
    : defaults.poolSize
  const url = yield* Config.option(Config.redacted("MYSQL_URL"))
  const endpoint = Option.isSome(url) ? yield* parseDatabaseUrl(url.value) : yield* Config.all({
    host: Config.string("MYSQL_HOST").pipe(Config.withDefault(defaults.mysqlEnvironment.host)),
    port: Config.port("MYSQL_PORT").pipe(Config.withDefault(defaults.mysqlEnvironment.port)),
    user: Config.string("MYSQL_USER").pipe(Config.withDefault(defaults.mysqlEnvironment.user)),
    password: Config.option(Config.redacted("MYSQL_PASSWORD")).pipe(Config.map(Option.getOrUndefined)),
    database: Config.string("MYSQL_DATABASE").pipe(Config.withDefault(defaults.mysqlEnvironment.database)),
  })
  return { endpoint, poolSize }
})

/**
 * Checks the options and finds the endpoint: `endpoint`, else `url` (parsed
 * before any connection), else the environment. Every option is checked
 * first, so a bad one refuses the layer before the URL or the environment is read.
 */
export const resolveMysqlOptions = (
  options: MysqlOptions,
): Effect.Effect<{ readonly endpoint: MysqlEndpoint; readonly pool: PoolSettings }, MysqlLayerError> =>
  Effect.gen(function* () {
    const poolSize = yield* check(poolSizeRule, "poolSize", options.poolSize)
    const connectTimeout = yield* check(durationRule, "connectTimeout", options.connectTimeout)
    const serverWait = yield* check(durationRule, "serverWait", options.serverWait)
    const found = options.endpoint !== undefined
      ? { endpoint: options.endpoint, poolSize: poolSize ?? defaults.poolSize }
      : options.url !== undefined
      ? { endpoint: yield* parseDatabaseUrl(options.url), poolSize: poolSize ?? defaults.poolSize }
      : yield* Effect.map(mysqlSettings, (settings) => ({ ...settings, poolSize: poolSize ?? settings.poolSize }))
    return {
      endpoint: found.endpoint,
      pool: {
        poolSize: found.poolSize,
        connectTimeout: connectTimeout ?? defaults.connectTimeout,
        serverWait: serverWait ?? defaults.serverWait,
      },
    }
  })

/** `MysqlClient` and `SqlClient`, bounded; see src/sql/layerMysql.ts. */
export const layerMysql = (
  options: MysqlOptions = {},
): Layer.Layer<Mysql.MysqlClient | SqlClient, MysqlLayerError> =>
  Layer.scopedContext(
    Effect.gen(function* () {
      const { endpoint, pool } = yield* resolveMysqlOptions(options)
      const client = yield* makeMysqlClient(endpoint, pool)
      return Context.make(Mysql.MysqlClient, client).pipe(Context.add(Client.SqlClient, client))
    }),
  ).pipe(Layer.provide(Reactivity.layer))

/** The product store's pool: {@link MysqlOptions} plus the reply deadline and the session's lock wait. */
export interface BoundedMysqlOptions extends MysqlOptions {
  /** No reply within this: the connection is destroyed and the statement fails as a lost connection. */
  readonly statementTimeout?: Duration.DurationInput | undefined
  /** `innodb_lock_wait_timeout`, set once per connection (whole seconds, rounded up, at least 1). */
  readonly lockWaitTimeout?: Duration.DurationInput | undefined
}

/** The lock wait in whole seconds as MySQL takes it: rounded up, at least 1. */
export const lockWaitSeconds = (lockWait: Duration.Duration): number =>
  Math.max(1, Math.ceil(Duration.toSeconds(lockWait)))

/**
 * `MysqlClient` and `SqlClient` over a pool of the kit's own where every
 * statement has a reply deadline (boundedClient.ts): the product store's live
 * stack. The deadline defaults to the lock wait limit plus `statementMargin`.
 */
export const layerBoundedMysql = (
  options: BoundedMysqlOptions = {},
): Layer.Layer<Mysql.MysqlClient | SqlClient, MysqlLayerError> =>
  Layer.scopedContext(
    Effect.gen(function* () {
      const statementTimeout = yield* check(optional(positiveDuration), "statementTimeout", options.statementTimeout)
      const lockWait = yield* check(durationRule, "lockWaitTimeout", options.lockWaitTimeout)
      const { endpoint, pool } = yield* resolveMysqlOptions(options)
      const client = yield* makeBoundedMysqlClient(endpoint, mysqlClientConfig(endpoint, pool), {
        poolSize: pool.poolSize,
        connectTimeout: pool.connectTimeout,
        statementTimeout: statementTimeout ??
          Duration.sum(lockWait ?? defaults.lockWaitTimeout, defaults.statementMargin),
        lockWaitSeconds: lockWait === undefined ? undefined : lockWaitSeconds(lockWait),
      })
      // The first connection, retried while the server does not answer, as `layerMysql` does.
      yield* client`SELECT 1`.pipe(
        Effect.retry(untilServerAnswers(pool.serverWait)),
        Effect.mapError(connectionError(endpoint, pool.serverWait)),
      )
      return Context.make(Mysql.MysqlClient, client).pipe(Context.add(Client.SqlClient, client))
    }),
  ).pipe(Layer.provide(Reactivity.layer))
