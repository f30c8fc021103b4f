/**
 * Connecting from the environment: `MYSQL_URL`, or `MYSQL_HOST` and friends,
 * read with Effect `Config` (the password and the URL as `Redacted`).
 *
 * @since 0.2.0
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type * as Mysql from "@effect/sql-mysql2/MysqlClient"
import { Config, type ConfigError, type Duration, Effect, Layer, Option } from "effect"
import type { InvalidOptionError } from "../strategies/InvalidOptionError.ts"
import { type DatabaseUrlError, type MysqlEndpoint, parseDatabaseUrl } from "./DatabaseUrl.ts"
import { type DatabaseConnectionError, defaultPoolSize, layerMysql } from "./MysqlLayer.ts"

/**
 * Everything needed to connect, read from Effect `Config`.
 *
 * @since 0.1.0
 * @category models
 */
export interface MysqlSettings {
  readonly endpoint: MysqlEndpoint
  readonly poolSize: number
}

// validate before withDefault: the other way round the error loses the key name.
const poolSizeConfig = Config.integer("MYSQL_POOL_SIZE").pipe(
  Config.validate({ message: "Expected a whole number ≥ 1", validation: (n) => n >= 1 }),
  Config.withDefault(defaultPoolSize),
)

const partsConfig: Config.Config<MysqlEndpoint> = Config.all({
  host: Config.string("MYSQL_HOST").pipe(Config.withDefault("127.0.0.1")),
  port: Config.port("MYSQL_PORT").pipe(Config.withDefault(3306)),
  user: Config.string("MYSQL_USER").pipe(Config.withDefault("root")),
  password: Config.option(Config.redacted("MYSQL_PASSWORD")).pipe(Config.map(Option.getOrUndefined)),
  database: Config.string("MYSQL_DATABASE").pipe(Config.withDefault("test")),
})

/**
 * Reads `MYSQL_URL` (redacted) if set, else `MYSQL_HOST` (127.0.0.1),
 * `MYSQL_PORT` (3306), `MYSQL_USER` (root), `MYSQL_PASSWORD` (redacted, none)
 * and `MYSQL_DATABASE` (test); plus `MYSQL_POOL_SIZE` (5). The defaults match
 * the local server `.ci/mariadb.sh` sets up.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { mysqlSettings } from "poolwise/sql"
 *
 * const program = Effect.map(mysqlSettings, ({ poolSize }) => poolSize)
 * ```
 *
 * @since 0.1.0
 * @category config
 */
export const mysqlSettings: Effect.Effect<MysqlSettings, ConfigError.ConfigError | DatabaseUrlError> = Effect.gen(
  function* () {
    const poolSize = yield* poolSizeConfig
    const url = yield* Config.option(Config.redacted("MYSQL_URL"))
    const endpoint = Option.isSome(url) ? yield* parseDatabaseUrl(url.value) : yield* partsConfig
    return { endpoint, poolSize }
  },
)

/**
 * `MysqlClient` and `SqlClient` from the environment (see {@link mysqlSettings}).
 *
 * @example
 * ```ts
 * import { layerMysqlFromConfig } from "poolwise/sql"
 *
 * const Database = layerMysqlFromConfig() // MYSQL_URL or MYSQL_HOST/..., MYSQL_POOL_SIZE
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMysqlFromConfig = (
  options?: {
    /** Overrides `MYSQL_POOL_SIZE`. */
    readonly poolSize?: number | undefined
    readonly connectTimeout?: Duration.DurationInput | undefined
    readonly serverWait?: Duration.DurationInput | undefined
  },
): Layer.Layer<
  Mysql.MysqlClient | SqlClient,
  ConfigError.ConfigError | DatabaseUrlError | DatabaseConnectionError | InvalidOptionError
> =>
  Layer.unwrapEffect(
    Effect.map(mysqlSettings, ({ endpoint, poolSize }) =>
      layerMysql(endpoint, {
        poolSize: options?.poolSize ?? poolSize,
        connectTimeout: options?.connectTimeout,
        serverWait: options?.serverWait,
      })),
  )
