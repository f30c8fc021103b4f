/**
 * What the sync job needs from the product store, as two services' shapes
 * (the domain calls of `ProductRepository`, the operational ones of
 * `StoreConnections`), and the records they exchange. Both stores (MySQL in
 * sqlRepository.ts, the in-process simulation in simulatedRepository.ts)
 * implement both. The shapes live here, apart from the Tags, because the
 * Tags' layers import the stores, and the stores need the shapes.
 *
 * @internal
 */
import type { Effect, Option } from "effect"
import type { InvalidOptionError } from "../options/rules.ts"
import type { Product, ProductId, ProductStatus } from "./Product.ts"
import type { ProductNotFound, RepositoryError } from "./RepositoryError.ts"

/**
 * How many connections this process had checked out: right now, and at most
 * since the last reset.
 */
export interface ConnectionStats {
  readonly inFlight: number
  readonly peakConnections: number
}

/**
 * One keyset page: ids greater than `after`, at most `limit` of them, none
 * above `upTo` (when given), in ascending order.
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
 * every product it was asked for was updated; until then `resume` can pick
 * it up again.
 */
export interface SyncRun {
  readonly id: string
  /** Products 1..products the run was started for. */
  readonly products: number
  readonly startedAt: Date
  readonly completedAt: Date | null
}

/**
 * One row of a bulk write: the product and the status to write.
 */
export interface StatusRow {
  readonly id: ProductId
  readonly status: ProductStatus
}

export interface EnsureProductsOptions {
  /** Name for a new product; `productName` by default. */
  readonly name?: ((id: ProductId) => string) | undefined
  /** Rows per INSERT; 1000 by default. */
  readonly batchSize?: number | undefined
}

/**
 * What the sync job needs from the product store.
 *
 * Writes that carry a run id are idempotent per run: a row that run has
 * already written is left as it is and counts as written. That is what lets
 * the job retry a statement whose reply was lost, and a cluster redeliver a
 * page, without ever writing a product twice.
 */
export interface ProductRepositoryShape {
  /** Makes sure products 1..count exist, inserting only missing ones, in batches. Returns how many it inserted. */
  readonly ensureProducts: (
    count: number,
    options?: EnsureProductsOptions,
  ) => Effect.Effect<number, RepositoryError | InvalidOptionError>
  /** `WHERE id > after AND id <= upTo ORDER BY id LIMIT limit`: keyset pagination, flat cost per page. */
  readonly pageIds: (page: PageRequest) => Effect.Effect<ReadonlyArray<ProductId>, RepositoryError>
  /**
   * Writes stock, discontinued and synced_at for one product, and `sync_run_id`
   * when `runId` is given (then only if that run has not written it yet).
   */
  readonly updateStatus: (
    id: ProductId,
    status: ProductStatus,
    syncedAt: Date,
    runId?: string | undefined,
  ) => Effect.Effect<void, RepositoryError | ProductNotFound>
  /**
   * Writes a batch of rows in one statement, all with the same `synced_at`
   * (and run, as {@link updateStatus}). Returns the ids that are not in the table.
   */
  readonly updateStatuses: (
    rows: ReadonlyArray<StatusRow>,
    syncedAt: Date,
    runId?: string | undefined,
  ) => Effect.Effect<ReadonlyArray<ProductId>, RepositoryError>
  /** Which of `ids` run `runId` has written: the truth after an interrupted write, whose reply never came. */
  readonly writtenBy: (runId: string, ids: ReadonlyArray<ProductId>) => Effect.Effect<
    ReadonlyArray<ProductId>,
    RepositoryError
  >
  readonly findById: (id: ProductId) => Effect.Effect<Option.Option<Product>, RepositoryError>
  /** Records a new run (`completedAt` null). */
  readonly beginRun: (run: SyncRun) => Effect.Effect<void, RepositoryError>
  /** Marks run `id` complete: every product it was asked for is updated. */
  readonly completeRun: (id: string, at: Date) => Effect.Effect<void, RepositoryError>
  /** The most recently started run that is not complete, if any. */
  readonly latestIncompleteRun: Effect.Effect<Option.Option<SyncRun>, RepositoryError>
}

/**
 * The store's connections to its server: the operational calls, apart from
 * the domain ones.
 */
export interface StoreConnectionsShape {
  /** One round trip to the server: how the job learns that a server which went away is back. */
  readonly ping: Effect.Effect<void, RepositoryError>
  /**
   * Cancels this store's statements still running on the server (MySQL: `KILL
   * QUERY` from a separate connection) and returns how many it cancelled. An
   * interrupted Effect stops waiting for a statement at once, but the server
   * keeps running it (holding its connection) until it ends by itself.
   */
  readonly cancelRunning: Effect.Effect<number>
  /** Connections checked out by this process: now, and the most at once since `resetStats`. */
  readonly stats: Effect.Effect<ConnectionStats>
  /** Starts a new peak from what is in flight now. */
  readonly resetStats: Effect.Effect<void>
}

/** What a store's constructor builds: both services over the same connections. */
export interface Store {
  readonly repository: ProductRepositoryShape
  readonly connections: StoreConnectionsShape
}
