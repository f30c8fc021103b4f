/**
 * The batch job from the incident: refresh stock and discontinued for
 * products 1..N from the supplier, under a chosen concurrency strategy,
 * writing row by row or in multi-row batches.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/syncProductStatus.ts"

/**
 * The job's options. `strategy` and `products` are required; every other one
 * has a default: `write: "row"`, `batchSize` 500 (bulk only), `pageSize`
 * 1000, `retry: defaultRetryPolicy`, no `itemTimeout`, no `progress`, no
 * `interruptWhen`, a generated `runId`, `resume: false`. Every option is
 * checked before any work: a bad one refuses the run with an
 * `InvalidOptionError` naming it, never a failure per product.
 *
 * @since 0.1.0
 * @category models
 */
export type SyncOptions = internal.SyncOptions

/**
 * What `onItemDone` gets once per product as soon as it is settled, e.g. for
 * a progress bar: `{ id, outcome: "updated" | "failed", reason?, done, total }`.
 *
 * @since 0.1.0
 * @category models
 */
export type ItemDone = internal.ItemDone

/**
 * Runs the job: reads ids 1..`products` page by page (keyset pagination, so
 * memory stays flat), and for each one fetches the supplier's status and
 * writes stock, discontinued and synced_at, scheduled by `strategy`. Every
 * product's outcome is counted once, so the report always accounts for every
 * product: `updated + failed + alreadySynced === products`.
 *
 * Transient failures are retried by default (`RetryPolicy`): a server that
 * goes away is waited for (every worker pauses) and the run goes on when it
 * answers again. Writes are conditional on the run's id, so nothing is written
 * twice. The run is recorded (`sync_runs`, and `sync_run_id` on each row it
 * writes), so `resume` can skip what it did.
 *
 * It needs the store (`ProductRepository` and `StoreConnections`, which every
 * `ProductRepository` layer provides) and the supplier (`SupplierStatus`).
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { pooledStrategy } from "poolwise"
 * import { ProductRepository, SupplierStatus, syncProductStatus } from "poolwise/sync"
 *
 * const program = Effect.gen(function*() {
 *   const products = yield* ProductRepository
 *   yield* products.ensureProducts(1000)
 *   const strategy = yield* pooledStrategy({ concurrency: 20 })
 *   return yield* syncProductStatus({ strategy, products: 1000 })
 * }).pipe(
 *   Effect.provide(Layer.merge(ProductRepository.layerSimulated({ poolSize: 5 }), SupplierStatus.layerSimulated()))
 * )
 * ```
 *
 * @since 0.1.0
 * @category jobs
 */
export const syncProductStatus: typeof internal.syncProductStatus = internal.syncProductStatus
