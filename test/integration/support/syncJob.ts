/**
 * The sync job as the fault tests run it in process: the MySQL store and the
 * simulated supplier over a bounded pool, a pooled run over products 1..N.
 */
import { Effect, Layer, type Redacted } from "effect"
import { pooledStrategy } from "poolwise"
import { layerMysql, migrate } from "poolwise/sql"
import { ProductRepository, SupplierStatus, type SyncOptions, syncProductStatus } from "poolwise/sync"

/** The simulated supplier's options, as `SupplierStatus.layerSimulated` takes them. */
export type SimulatedSupplierOptions = NonNullable<Parameters<typeof SupplierStatus.layerSimulated>[0]>

/** `ProductRepository.layerSql()` and a simulated supplier over a pool of `poolSize` to `url`. */
export const sqlJobLayer = (url: Redacted.Redacted<string>, poolSize: number, supplier: SimulatedSupplierOptions) =>
  Layer.merge(ProductRepository.layerSql(), SupplierStatus.layerSimulated(supplier)).pipe(
    Layer.provideMerge(layerMysql({ url, poolSize })),
  )

/** Syncs products 1..`products` with a pooled strategy of `concurrency`. */
export const pooledSync =
  (products: number, concurrency: number) => (options: Omit<SyncOptions, "strategy" | "products">) =>
    Effect.flatMap(pooledStrategy({ concurrency }), (strategy) => syncProductStatus({ ...options, strategy, products }))

/** Migrates the database at `url` and inserts products 1..`products`. */
export const seedProducts = (url: Redacted.Redacted<string>, products: number): Promise<number> =>
  Effect.runPromise(
    Effect.zipRight(migrate, Effect.flatMap(ProductRepository, (repo) => repo.ensureProducts(products))).pipe(
      Effect.provide(sqlJobLayer(url, 2, {})),
    ),
  )
