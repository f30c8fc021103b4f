/**
 * The product store as a service, and its layer stacks, assembled here once
 * (documented in src/sync/ProductRepository.ts). Every layer provides both
 * services of a store: `ProductRepository` (the domain calls) and
 * `StoreConnections` (the operational ones), over the same connections.
 *
 * @internal
 */
import type { MigrationError } from "@effect/sql/Migrator"
import type { SqlClient } from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Context, type Duration, Effect, Layer, type Redacted } from "effect"
import * as defaults from "../defaults.ts"
import { check, finiteDuration, type InvalidOptionError, optional } from "../options/rules.ts"
import type { MysqlEndpoint } from "../sql/databaseUrl.ts"
import { layerMigrations } from "../sql/migrations.ts"
import { layerBoundedMysql, type MysqlLayerError } from "../sql/mysqlClient.ts"
import { makeSimulatedRepository, type SimulatedDatabaseOptions } from "./simulatedRepository.ts"
import { makeSqlRepository, type SqlRepositoryOptions } from "./sqlRepository.ts"
import type { ProductRepositoryShape, Store } from "./Store.ts"
import { StoreConnections } from "./StoreConnections.ts"

/** The live stack's settings; each has a production-safe default. */
export interface MysqlStackOptions {
  readonly url?: Redacted.Redacted<string> | undefined
  readonly endpoint?: MysqlEndpoint | undefined
  readonly poolSize?: number | undefined
  readonly lockWaitTimeout?: Duration.DurationInput | undefined
  /** Reply deadline of every statement; the lock wait plus `statementMargin` by default. */
  readonly statementTimeout?: Duration.DurationInput | undefined
  readonly connectTimeout?: Duration.DurationInput | undefined
  readonly serverWait?: Duration.DurationInput | undefined
}

/** What building the live stack can fail with: a bad URL or setting, no server, a migration that did not apply. */
export type MysqlStackError = MysqlLayerError | MigrationError | SqlError

const layerOf = <E, R>(
  make: Effect.Effect<Store, E, R>,
): Layer.Layer<ProductRepository | StoreConnections, E, R> =>
  Layer.effectContext(
    Effect.map(make, ({ connections, repository }) =>
      Context.make(ProductRepository, repository).pipe(Context.add(StoreConnections, connections))),
  )

/** The product store's domain calls. */
export class ProductRepository extends Context.Tag("poolwise/ProductRepository")<
  ProductRepository,
  ProductRepositoryShape
>() {
  /** MySQL over the `SqlClient` in context. */
  static readonly layerSql = (
    options?: SqlRepositoryOptions,
  ): Layer.Layer<ProductRepository | StoreConnections, InvalidOptionError, SqlClient> =>
    layerOf(makeSqlRepository(options))

  /**
   * The whole live stack: a bounded pool whose every statement has a reply
   * deadline (and whose connections carry the lock wait), the schema
   * migrated, the store over it.
   */
  static readonly layerMysql = (
    options: MysqlStackOptions = {},
  ): Layer.Layer<ProductRepository | StoreConnections, MysqlStackError> =>
    Layer.unwrapEffect(
      // Checked before the pool connects: a bad value refuses the stack before any work.
      Effect.map(check(optional(finiteDuration), "lockWaitTimeout", options.lockWaitTimeout), (checked) => {
        const lockWaitTimeout = checked ?? defaults.lockWaitTimeout
        return ProductRepository.layerSql({ lockWaitTimeout }).pipe(
          Layer.provide(layerMigrations),
          Layer.provide(layerBoundedMysql({
            url: options.url,
            endpoint: options.endpoint,
            poolSize: options.poolSize,
            connectTimeout: options.connectTimeout,
            serverWait: options.serverWait,
            statementTimeout: options.statementTimeout,
            lockWaitTimeout,
          })),
        )
      }),
    )

  /** The in-process store (see simulatedRepository.ts). */
  static readonly layerSimulated = (
    options?: SimulatedDatabaseOptions,
  ): Layer.Layer<ProductRepository | StoreConnections, InvalidOptionError> => layerOf(makeSimulatedRepository(options))
}
