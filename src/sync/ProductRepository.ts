/**
 * The product store the sync job reads ids from and writes statuses to, as a
 * service with two implementations: MySQL over `SqlClient`, and an in-process
 * simulation that fails the way MySQL does when it runs out of connections.
 *
 * @since 0.1.0
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import { Chunk, Context, Effect, Layer, Option, Stream } from "effect"
import type { InvalidOptionError } from "../strategies/InvalidOptionError.ts"
import type { ConnectionStats } from "./ConnectionGauge.ts"
import type { Product, ProductId, ProductStatus } from "./Product.ts"
import { makeSimulatedRepository, type SimulatedDatabaseOptions } from "./ProductRepositorySimulated.ts"
import { makeSqlRepository, makeSqlRepositoryWith, type SqlRepositoryOptions } from "./ProductRepositorySql.ts"
import type { ProductNotFound, RepositoryError } from "./RepositoryError.ts"

/**
 * One keyset page: ids greater than `after`, at most `limit` of them, none
 * above `upTo` (when given), in ascending order.
 *
 * @since 0.1.0
 * @category models
 */
export interface PageRequest {
  readonly after: number
  readonly limit: number
  readonly upTo?: number | undefined
  /** Only ids that run `id` has written (`synced: true`) or has not (`synced: false`): how a resumed run skips its done work. */
  readonly run?: { readonly id: string; readonly synced: boolean } | undefined
}

/**
 * One run of the sync job, as recorded in `sync_runs`. A run is complete once
 * every product it was asked for was updated; until then `--resume` can pick
 * it up again.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyncRun {
  readonly id: string
  /** Products 1..products the run was started for. */
  readonly products: number
  readonly startedAt: Date
  readonly completedAt: Date | null
}

/**
 * @since 0.1.0
 * @category models
 */
export interface EnsureProductsOptions {
  /** Name for a new product; {@link productName} by default. */
  readonly name?: ((id: ProductId) => string) | undefined
  /** Rows per INSERT; 1000 by default. */
  readonly batchSize?: number | undefined
}

/**
 * What the sync job needs from the product store.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProductRepositoryShape {
  /** Makes sure products 1..count exist, inserting only missing ones, in batches. Returns how many it inserted. */
  readonly ensureProducts: (
    count: number,
    options?: EnsureProductsOptions,
  ) => Effect.Effect<number, RepositoryError | InvalidOptionError>
  /** `WHERE id > after AND id <= upTo ORDER BY id LIMIT limit`: keyset pagination, flat cost per page. */
  readonly pageIds: (page: PageRequest) => Effect.Effect<ReadonlyArray<ProductId>, RepositoryError>
  /** Writes stock, discontinued and synced_at for one product, and `sync_run_id` when `runId` is given. */
  readonly updateStatus: (
    id: ProductId,
    status: ProductStatus,
    syncedAt: Date,
    runId?: string | undefined,
  ) => Effect.Effect<void, RepositoryError | ProductNotFound>
  readonly findById: (id: ProductId) => Effect.Effect<Option.Option<Product>, RepositoryError>
  /**
   * Records a new run (`completedAt` null). The three run methods are optional:
   * a store without them still syncs, but cannot resume a run.
   */
  readonly beginRun?: ((run: SyncRun) => Effect.Effect<void, RepositoryError>) | undefined
  /** Marks run `id` complete: every product it was asked for is updated. */
  readonly completeRun?: ((id: string, at: Date) => Effect.Effect<void, RepositoryError>) | undefined
  /** The most recently started run that is not complete, if any. */
  readonly latestIncompleteRun?: Effect.Effect<Option.Option<SyncRun>, RepositoryError> | undefined
  /** Connections checked out by this process: now, and the most at once since {@link resetStats}. */
  readonly stats: Effect.Effect<ConnectionStats>
  readonly resetStats: Effect.Effect<void>
}

/**
 * The product store.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ProductRepository } from "poolwise"
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
   * MySQL over `SqlClient`. When the client is a `MysqlClient`, statements
   * also take a permit from a semaphore of its pool size, so calls above the
   * pool size wait in Effect (interruptibly, and visible to `stats`) instead of
   * in mysql2's queue.
   */
  static readonly layerSql: Layer.Layer<ProductRepository, never, SqlClient> = Layer.effect(
    ProductRepository,
    makeSqlRepository,
  )

  /** {@link layerSql} with options, e.g. a session `innodb_lock_wait_timeout` for the writes. */
  static readonly layerSqlWith = (options: SqlRepositoryOptions): Layer.Layer<ProductRepository, never, SqlClient> =>
    Layer.effect(ProductRepository, makeSqlRepositoryWith(options))

  /**
   * The in-process store: a pool of `poolSize` connections (default 10, like
   * mysql2), a server that refuses connections beyond `maxConnections`
   * (default 151, like MySQL) with errno 1040 "Too many connections", and a
   * `queryLatency` per statement (default 1 ms) on Effect's clock.
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
  /** Last id to read: the stream yields ids in 1..upTo that exist. */
  readonly upTo: number
  readonly pageSize: number
  /** Only ids run `id` has (or has not) written; see {@link PageRequest}. */
  readonly run?: PageRequest["run"]
}

/**
 * Every product id up to `upTo`, ascending, read one keyset page at a time:
 * the next page is asked for only when the stream is pulled, so memory stays
 * flat whatever the table size.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { ProductRepository, productIds } from "poolwise"
 *
 * const program = Effect.flatMap(ProductRepository, (repo) =>
 *   Stream.runCollect(productIds(repo, { upTo: 1000, pageSize: 100 })))
 * ```
 *
 * @since 0.1.0
 * @category streams
 */
export const productIds = (
  repo: ProductRepositoryShape,
  options: ProductIdsOptions,
): Stream.Stream<ProductId, RepositoryError> =>
  options.upTo < 1
    ? Stream.empty
    : Stream.paginateChunkEffect(0, (after: number) =>
      repo.pageIds({ after, limit: options.pageSize, upTo: options.upTo, run: options.run }).pipe(
        // A short page is the last one; so is a page that reached upTo, which
        // saves one empty query at the end.
        Effect.map((ids) => {
          const last = ids[ids.length - 1]
          const more = last !== undefined && ids.length === options.pageSize && last < options.upTo
          return [Chunk.fromIterable(ids), more ? Option.some(last as number) : Option.none()] as const
        }),
      ))
