/**
 * The bulk strategy for the product-status sync: fetch statuses one product at
 * a time (the supplier has no batch endpoint), but write them a few hundred
 * rows per statement.
 *
 * Row-by-row, every product costs a round trip and, with autocommit, a commit
 * (a redo-log flush) on the server; a multi-row statement pays those once per
 * batch. The write is an `UPDATE … JOIN` over the batch's rows, so it only
 * touches rows that exist: a product deleted since its id was read is not
 * brought back (an `INSERT … ON DUPLICATE KEY UPDATE` would re-insert it).
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql/SqlClient"
import { type Chunk, Clock, Context, Effect, Either, Layer, Stream } from "effect"
import { type InvalidOptionError, positiveInteger } from "../strategies/InvalidOptionError.ts"
import { workerStream } from "../internal/workerLoop.ts"
import type { ProductId, ProductStatus } from "./Product.ts"
import { productIds, ProductRepository } from "./ProductRepository.ts"
import { RepositoryError } from "./RepositoryError.ts"
import { SupplierStatus } from "./SupplierStatus.ts"
import { failureOf, interrupted, type SyncFailure, unsettledFailures } from "./syncProductStatus.ts"

/**
 * One row of a batch: the product and the status to write.
 *
 * @since 0.1.0
 * @category models
 */
export interface StatusRow {
  readonly id: ProductId
  readonly status: ProductStatus
}

/**
 * Writes a batch of statuses, all with the same `synced_at`, and returns how
 * many rows it wrote.
 *
 * @since 0.1.0
 * @category services
 */
export class BulkStatusWriter extends Context.Tag("poolwise/BulkStatusWriter")<BulkStatusWriter, {
  readonly write: (rows: ReadonlyArray<StatusRow>, syncedAt: Date) => Effect.Effect<number, RepositoryError>
}>() {
  /**
   * One multi-row `UPDATE … JOIN` per batch over the `SqlClient` in context.
   * The statement text depends only on the batch's size, so it is built once
   * per size and every value goes in as a parameter: as safe as the tagged
   * template, without compiling hundreds of fragments per statement.
   */
  static readonly layerSql: Layer.Layer<BulkStatusWriter, never, SqlClient> = Layer.effect(
    BulkStatusWriter,
    Effect.map(SqlClient, (sql) => ({
      write: (rows, syncedAt) => {
        if (rows.length === 0) return Effect.succeed(0)
        const params: Array<unknown> = []
        for (const { id, status } of rows) params.push(id, status.stock, status.discontinued)
        params.push(syncedAt)
        return sql.unsafe(bulkUpdateSql(rows.length), params).raw.pipe(
          Effect.map(affectedRows),
          Effect.mapError((error) => RepositoryError.fromCause("writeStatuses", error)),
        )
      },
    })),
  )

  /**
   * Over any {@link ProductRepository}: one `updateStatus` per row, in order.
   * For the simulated store and tests; it proves the job, not the speed.
   */
  static readonly layerRepository: Layer.Layer<BulkStatusWriter, never, ProductRepository> = Layer.effect(
    BulkStatusWriter,
    Effect.map(ProductRepository, (repo) => ({
      write: (rows, syncedAt) =>
        Effect.as(
          Effect.forEach(rows, ({ id, status }) =>
            repo.updateStatus(id, status, syncedAt).pipe(
              Effect.catchTag("ProductNotFound", () => Effect.void),
            ), { discard: true }),
          rows.length,
        ),
    })),
  )
}

const statements = new Map<number, string>()

/** `UPDATE products … JOIN (SELECT ?, ?, ? UNION ALL …)` for `size` rows, then `synced_at = ?`. */
export const bulkUpdateSql = (size: number): string => {
  let text = statements.get(size)
  if (text === undefined) {
    const select = Array.from(
      { length: size },
      (_, i) => i === 0 ? "SELECT ? AS id, ? AS stock, ? AS discontinued" : "SELECT ?, ?, ?",
    ).join(" UNION ALL ")
    text = `UPDATE products AS p JOIN (${select}) AS s ON s.id = p.id ` +
      "SET p.stock = s.stock, p.discontinued = s.discontinued, p.synced_at = ?"
    statements.set(size, text)
  }
  return text
}

const affectedRows = (result: unknown): number => {
  const value = typeof result === "object" && result !== null ? (result as { affectedRows?: unknown }).affectedRows : 0
  return typeof value === "number" ? value : 0
}

/**
 * @since 0.1.0
 * @category models
 */
export interface BulkSyncOptions {
  /** Sync products 1..products: a whole number ≥ 0. */
  readonly products: number
  /** Rows per write statement; 500 by default. */
  readonly batchSize?: number | undefined
  /** Supplier fetches at once, and write statements at once (keep it ≤ the pool size); 5 by default. */
  readonly concurrency?: number | undefined
  /** Ids per keyset page; 1000 by default. */
  readonly pageSize?: number | undefined
  /**
   * Completing it stops the run: batches in flight are interrupted, the rest
   * are not attempted, and the job still returns its report with
   * `stoppedBy: "interrupted"` (Ctrl-C in the CLI).
   */
  readonly interruptWhen?: Effect.Effect<unknown> | undefined
}

/**
 * What a bulk run reports: the same accounting as the row-by-row job's report
 * (`updated + failed.length === products`), plus how many write statements it
 * took.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkSyncReport {
  readonly strategy: "bulk"
  /** Supplier fetches, and write statements, at once. */
  readonly limit: number
  readonly batchSize: number
  readonly products: number
  readonly updated: number
  /** Sorted by id. */
  readonly failed: ReadonlyArray<SyncFailure>
  /** Write statements sent. */
  readonly statements: number
  /** From Effect's `Clock`: virtual under `TestClock`. */
  readonly elapsedMs: number
  /** Most database connections this process had checked out at once during the run. */
  readonly peakConnections: number
  /** Why the run stopped before reading every id, when it did. */
  readonly stoppedBy?: string | undefined
}

type Fetched = Either.Either<StatusRow, SyncFailure>

/**
 * The sync job with bulk writes: ids are read page by page, each product's
 * status is fetched (`concurrency` at once, pooled), and the statuses are
 * written `batchSize` rows per statement, `concurrency` statements at once.
 * A failed fetch fails only its product; a failed statement fails the rows of
 * its batch, with the server's message. `updated + failed.length` is always
 * `products`.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { BulkStatusWriter, ProductRepository, SupplierStatus, syncProductStatusBulk } from "poolwise"
 *
 * const store = ProductRepository.layerSimulated({ products: 1000 })
 * const program = syncProductStatusBulk({ products: 1000, batchSize: 200 }).pipe(
 *   Effect.provide(Layer.mergeAll(
 *     store,
 *     BulkStatusWriter.layerRepository.pipe(Layer.provide(store)),
 *     SupplierStatus.layerSimulated({ latency: 0 })
 *   ))
 * )
 * ```
 *
 * @since 0.1.0
 * @category jobs
 */
export const syncProductStatusBulk = (
  options: BulkSyncOptions,
): Effect.Effect<BulkSyncReport, InvalidOptionError, ProductRepository | SupplierStatus | BulkStatusWriter> =>
  Effect.gen(function* () {
    const total = options.products === 0 ? 0 : yield* positiveInteger("products", options.products)
    const batchSize = yield* positiveInteger("batchSize", options.batchSize ?? 500)
    const concurrency = yield* positiveInteger("concurrency", options.concurrency ?? 5)
    const pageSize = yield* positiveInteger("pageSize", options.pageSize ?? 1000)
    const repo = yield* ProductRepository
    const supplier = yield* SupplierStatus
    const writer = yield* BulkStatusWriter

    const started = yield* Clock.currentTimeMillis
    yield* repo.resetStats
    const settled = new Uint8Array(total + 1)
    let updated = 0
    let statements = 0
    const failed: Array<SyncFailure> = []
    const fail = (failure: SyncFailure) => {
      settled[failure.id] = 1
      failed.push(failure)
    }

    const fetchOne = (id: ProductId): Effect.Effect<Fetched> =>
      supplier.fetch(id).pipe(
        Effect.matchCause({
          onSuccess: (record): Fetched =>
            Either.right({ id, status: { stock: record.stock, discontinued: record.discontinued } }),
          onFailure: (cause): Fetched => Either.left(failureOf(id, cause)),
        }),
      )

    const writeBatch = (batch: Chunk.Chunk<Fetched>) =>
      Effect.gen(function* () {
        const rows: Array<StatusRow> = []
        for (const fetched of batch) {
          if (Either.isLeft(fetched)) fail(fetched.left)
          else rows.push(fetched.right)
        }
        if (rows.length === 0) return
        const now = yield* Clock.currentTimeMillis
        statements++
        const exit = yield* Effect.exit(writer.write(rows, new Date(now)))
        if (exit._tag === "Success") {
          for (const row of rows) settled[row.id] = 1
          updated += rows.length
        } else {
          for (const row of rows) fail(failureOf(row.id, exit.cause))
        }
      })

    const work = productIds(repo, { upTo: total, pageSize }).pipe(
      workerStream(fetchOne, concurrency),
      Stream.grouped(batchSize),
      workerStream(writeBatch, concurrency),
      Stream.runDrain,
      Effect.mapError((error) => error.message),
    )
    const run = yield* Effect.either(
      options.interruptWhen === undefined
        ? work
        : Effect.raceFirst(work, Effect.zipRight(options.interruptWhen, Effect.fail(interrupted))),
    )
    const stoppedBy = run._tag === "Left" ? run.left : undefined
    failed.push(...unsettledFailures(settled, total, stoppedBy))
    const finished = yield* Clock.currentTimeMillis
    const { peakConnections } = yield* repo.stats
    return {
      strategy: "bulk" as const,
      limit: concurrency,
      batchSize,
      statements,
      products: total,
      updated,
      failed: failed.sort((a, b) => a.id - b.id),
      elapsedMs: finished - started,
      peakConnections,
      ...(stoppedBy === undefined ? {} : { stoppedBy }),
    }
  })
