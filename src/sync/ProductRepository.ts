/**
 * The product store the sync job reads ids from and writes statuses to, as a
 * service with two implementations (MySQL over `SqlClient`, and an in-process
 * simulation that fails the way MySQL does when it runs out of connections),
 * and the whole layer stack for each, assembled here once.
 *
 * @since 0.1.0
 */
import type { MigrationError } from "@effect/sql/Migrator"
import type { SqlClient } from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Chunk, type ConfigError, Context, type Duration, Effect, Layer, Option, type Redacted, Stream } from "effect"
import type { DatabaseUrlError, MysqlEndpoint } from "../sql/DatabaseUrl.ts"
import { layerMysqlFromConfig } from "../sql/MysqlConfig.ts"
import { type DatabaseConnectionError, defaultPoolSize, layerMysql, layerMysqlFromUrl } from "../sql/MysqlLayer.ts"
import { layerMigrations } from "../sql/Migrations.ts"
import type { InvalidOptionError } from "../strategies/InvalidOptionError.ts"
import * as defaults from "../internal/defaults.ts"
import type { ProductId } from "./Product.ts"
import type { PageRequest, ProductRepositoryShape } from "./ProductRepositoryShape.ts"
import { makeSimulatedRepository, type SimulatedDatabaseOptions } from "./ProductRepositorySimulated.ts"
import { makeSqlRepositoryWith, type SqlRepositoryOptions } from "./ProductRepositorySql.ts"
import type { RepositoryError } from "./RepositoryError.ts"

/**
 * A row lock held elsewhere fails a write after this long, instead of after
 * MySQL's 50 s (which would also hold the write's connection that long).
 *
 * @since 0.2.0
 * @category defaults
 */
export const defaultLockWaitTimeout: Duration.Duration = defaults.lockWaitTimeout

/**
 * The live stack's settings. Every field has a production-safe default.
 *
 * @since 0.2.0
 * @category models
 */
export interface MysqlStackOptions {
  /** `mysql://user:password@host:port/database`. Absent (and no `endpoint`): `MYSQL_URL`, else `MYSQL_HOST`, … */
  readonly url?: Redacted.Redacted<string> | undefined
  /** Where to connect, already parsed (e.g. with `parseDatabaseUrl`); instead of `url`. */
  readonly endpoint?: MysqlEndpoint | undefined
  /** Pool connections; `MYSQL_POOL_SIZE`, else `defaultPoolSize` (5). */
  readonly poolSize?: number | undefined
  /** Each write's `innodb_lock_wait_timeout`; {@link defaultLockWaitTimeout} (5 s). */
  readonly lockWaitTimeout?: Duration.DurationInput | undefined
  /** Limit for one connection attempt; `defaultConnectTimeout` (4 s). */
  readonly connectTimeout?: Duration.DurationInput | undefined
  /** How long the first connection is retried while the server does not answer; `defaultServerWait` (30 s). */
  readonly serverWait?: Duration.DurationInput | undefined
}

/**
 * What building the live stack can fail with: a bad URL or setting, no
 * server, or a migration that did not apply.
 *
 * @since 0.2.0
 * @category errors
 */
export type MysqlStackError =
  | DatabaseUrlError
  | DatabaseConnectionError
  | InvalidOptionError
  | ConfigError.ConfigError
  | MigrationError
  | SqlError

/**
 * The product store.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ProductRepository } from "poolwise/sync"
 *
 * const program = Effect.gen(function*() {
 *   const repo = yield* ProductRepository
 *   yield* repo.ensureProducts(100)
 *   return yield* repo.pageIds({ after: 0, limit: 10 })
 * }).pipe(Effect.provide(ProductRepository.layerSimulated()))
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export class ProductRepository extends Context.Tag("poolwise/ProductRepository")<
  ProductRepository,
  ProductRepositoryShape
>() {
  /**
   * MySQL over the `SqlClient` in context. When the client is a `MysqlClient`,
   * statements also wait in line for one of its pool's connections, so calls
   * above the pool size wait in Effect (interruptibly, and visible to `stats`)
   * instead of in mysql2's queue.
   */
  static readonly layerSql: Layer.Layer<ProductRepository, never, SqlClient> = Layer.effect(
    ProductRepository,
    makeSqlRepositoryWith({}),
  )

  /** {@link layerSql} with options, e.g. a session `innodb_lock_wait_timeout` for the writes. */
  static readonly layerSqlWith = (options: SqlRepositoryOptions): Layer.Layer<ProductRepository, never, SqlClient> =>
    Layer.effect(ProductRepository, makeSqlRepositoryWith(options))

  /**
   * The whole live stack, built once: a bounded MySQL pool (from `url`, or the
   * `MYSQL_*` environment), the schema migrated, and the store over it.
   *
   * @example
   * ```ts
   * import { Redacted } from "effect"
   * import { ProductRepository } from "poolwise/sync"
   *
   * const Store = ProductRepository.layerMysql({ url: Redacted.make("mysql://root@127.0.0.1:3306/test"), poolSize: 5 })
   * ```
   */
  static readonly layerMysql = (
    options: MysqlStackOptions = {},
  ): Layer.Layer<ProductRepository, MysqlStackError> => {
    const connection = { connectTimeout: options.connectTimeout, serverWait: options.serverWait }
    const poolSize = options.poolSize ?? defaultPoolSize
    const database = options.endpoint !== undefined
      ? layerMysql(options.endpoint, { ...connection, poolSize })
      : options.url !== undefined
      ? layerMysqlFromUrl({ ...connection, url: options.url, poolSize })
      : layerMysqlFromConfig({ ...connection, poolSize: options.poolSize })
    return ProductRepository.layerSqlWith({ lockWaitTimeout: options.lockWaitTimeout ?? defaultLockWaitTimeout }).pipe(
      Layer.provide(layerMigrations),
      Layer.provide(database),
    )
  }

  /**
   * The in-process store: a pool of `poolSize` connections (default 10, like
   * mysql2), a server that refuses connections beyond `maxConnections`
   * (default 151, like MySQL) with errno 1040 "Too many connections", a
   * `queryLatency` per statement (default 1 ms) on Effect's clock, and
   * optional `outages`.
   */
  static readonly layerSimulated = (
    options?: SimulatedDatabaseOptions,
  ): Layer.Layer<ProductRepository, InvalidOptionError> =>
    Layer.effect(ProductRepository, makeSimulatedRepository(options))
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ProductIdsOptions {
  /** First id to read; 1 by default. */
  readonly from?: number | undefined
  /** Last id to read: the stream yields ids in from..upTo that exist. */
  readonly upTo: number
  readonly pageSize: number
  /** Only ids run `id` has (or has not) written; see {@link PageRequest}. */
  readonly run?: PageRequest["run"]
}

/**
 * Every product id in `from..upTo`, ascending, read one keyset page at a
 * time: the next page is asked for only when the stream is pulled, so memory
 * stays flat whatever the table size.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { ProductRepository, productIds } from "poolwise/sync"
 *
 * const program = Effect.flatMap(ProductRepository, (repo) =>
 *   Stream.runCollect(productIds(repo, { upTo: 1000, pageSize: 100 })))
 * ```
 *
 * @since 0.1.0
 * @category streams
 */
export const productIds = (
  repo: Pick<ProductRepositoryShape, "pageIds">,
  options: ProductIdsOptions,
): Stream.Stream<ProductId, RepositoryError> => {
  const from = options.from ?? 1
  return options.upTo < from
    ? Stream.empty
    : Stream.paginateChunkEffect(from - 1, (after: number) =>
      repo.pageIds({ after, limit: options.pageSize, upTo: options.upTo, run: options.run }).pipe(
        // A short page is the last one; so is a page that reached upTo, which
        // saves one empty query at the end.
        Effect.map((ids) => {
          const last = ids[ids.length - 1]
          const more = last !== undefined && ids.length === options.pageSize && last < options.upTo
          return [Chunk.fromIterable(ids), more ? Option.some(last as number) : Option.none()] as const
        }),
      ))
}
