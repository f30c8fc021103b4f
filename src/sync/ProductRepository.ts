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
import { makeSqlRepository } from "./ProductRepositorySql.ts"
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
  /** Writes stock, discontinued and synced_at for one product. */
  readonly updateStatus: (
    id: ProductId,
    status: ProductStatus,
    syncedAt: Date,
  ) => Effect.Effect<void, RepositoryError | ProductNotFound>
  readonly findById: (id: ProductId) => Effect.Effect<Option.Option<Product>, RepositoryError>
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
      repo.pageIds({ after, limit: options.pageSize, upTo: options.upTo }).pipe(
        // A short page is the last one; so is a page that reached upTo, which
        // saves one empty query at the end.
        Effect.map((ids) => {
          const last = ids[ids.length - 1]
          const more = last !== undefined && ids.length === options.pageSize && last < options.upTo
          return [Chunk.fromIterable(ids), more ? Option.some(last as number) : Option.none()] as const
        }),
      ))
