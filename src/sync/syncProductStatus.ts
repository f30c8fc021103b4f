/**
 * The batch job from the incident: refresh stock and discontinued for
 * products 1..N from the supplier, under a chosen concurrency strategy.
 *
 * @since 0.1.0
 */
import { Cause, Clock, Effect, Exit, Ref, Stream } from "effect"
import { type InvalidOptionError, positiveInteger } from "../strategies/InvalidOptionError.ts"
import type { Strategy } from "../strategies/Strategy.ts"
import type { ProductId } from "./Product.ts"
import { productIds, ProductRepository } from "./ProductRepository.ts"
import { SupplierStatus } from "./SupplierStatus.ts"

/**
 * One product the run did not update, and why. For database failures `reason`
 * is the server's own message and `errno`/`code` are kept.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyncFailure {
  readonly id: ProductId
  readonly reason: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
}

/**
 * Reported once per product as soon as it is settled, e.g. for a progress bar.
 *
 * @since 0.1.0
 * @category models
 */
export interface ItemDone {
  readonly id: ProductId
  readonly outcome: "updated" | "failed"
  /** Why it failed; absent when updated. */
  readonly reason?: string | undefined
  /** Products settled so far, this one included. */
  readonly done: number
  readonly total: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SyncOptions {
  /** A validated strategy: `pooledStrategy`, `chunkedStrategy` or `unboundedStrategy`. */
  readonly strategy: Strategy
  /** Sync products 1..products: a whole number ≥ 0. */
  readonly products: number
  /** Ids per keyset page; 1000 by default. */
  readonly pageSize?: number | undefined
  /** Called once per product when it is settled. Its failures are ignored. */
  readonly onItemDone?: ((event: ItemDone) => Effect.Effect<void>) | undefined
}

/**
 * The outcome of a run. Always `updated + failed.length === products`: a
 * product that never ran (the id stream stopped early) is listed as failed
 * with reason `"not attempted"`.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyncReport {
  readonly strategy: Strategy["name"]
  readonly limit: Strategy["limit"]
  readonly products: number
  readonly updated: number
  /** Sorted by id. */
  readonly failed: ReadonlyArray<SyncFailure>
  /** Always 0 for now: this job does not retry yet. */
  readonly retries: number
  /** From Effect's `Clock`: virtual under `TestClock`. */
  readonly elapsedMs: number
  /** Most database connections this process had checked out at once during the run. */
  readonly peakConnections: number
  /** Why the run stopped before reading every id, when it did. */
  readonly stoppedBy?: string | undefined
}

/**
 * Reason given to products the run never started because it stopped early.
 *
 * @since 0.1.0
 * @category models
 */
export const notAttempted = "not attempted"

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined

const failureOf = (id: ProductId, cause: Cause.Cause<unknown>): SyncFailure => {
  if (Cause.isInterruptedOnly(cause)) return { id, reason: "interrupted" }
  const error = Cause.squash(cause)
  const message = field(error, "message")
  const errno = field(error, "errno")
  const code = field(error, "code")
  return {
    id,
    reason: typeof message === "string" && message !== "" ? message : String(error),
    errno: typeof errno === "number" ? errno : undefined,
    code: typeof code === "string" ? code : undefined,
  }
}

interface Tally {
  readonly updated: number
  readonly failed: ReadonlyArray<SyncFailure>
}

/**
 * Runs the job: reads ids 1..`products` page by page (keyset pagination, so
 * memory stays flat), and for each one fetches the supplier's status and
 * writes stock, discontinued and synced_at, scheduled by `strategy`. Every
 * product's outcome is caught on its own, so one failure never hides another
 * and the report always accounts for every product.
 *
 * If a page read fails, the run stops reading: products already started
 * finish, the rest are reported as {@link notAttempted} and `stoppedBy` says
 * why. Interrupting the whole effect (Ctrl-C) interrupts the products in
 * flight and yields no report. `onItemDone` runs as each product settles, in
 * a finalizer: keep it quick.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { pooledStrategy, ProductRepository, SupplierStatus, syncProductStatus } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const repo = yield* ProductRepository
 *   yield* repo.ensureProducts(1000)
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
export const syncProductStatus = (
  options: SyncOptions,
): Effect.Effect<SyncReport, InvalidOptionError, ProductRepository | SupplierStatus> =>
  Effect.gen(function* () {
    const { strategy, onItemDone } = options
    const total = options.products === 0 ? 0 : yield* positiveInteger("products", options.products)
    const pageSize = yield* positiveInteger("pageSize", options.pageSize ?? 1000)
    const repo = yield* ProductRepository
    const supplier = yield* SupplierStatus

    const started = yield* Clock.currentTimeMillis
    yield* repo.resetStats
    // One byte per product marks it settled, so products that never ran can be
    // named at the end without holding the id list (a million ids: 1 MB).
    const settled = new Uint8Array(total + 1)
    const tally = yield* Ref.make<Tally>({ updated: 0, failed: [] })

    const settle = (id: ProductId, exit: Exit.Exit<void, unknown>) =>
      Effect.gen(function* () {
        settled[id] = 1
        const failure = Exit.isSuccess(exit) ? undefined : failureOf(id, exit.cause)
        const done = yield* Ref.modify(tally, (t) => {
          const next = failure === undefined
            ? { ...t, updated: t.updated + 1 }
            : { ...t, failed: [...t.failed, failure] }
          return [next.updated + next.failed.length, next]
        })
        if (onItemDone !== undefined) {
          yield* Effect.catchAllCause(
            onItemDone({
              id,
              outcome: failure === undefined ? "updated" : "failed",
              reason: failure?.reason,
              done,
              total,
            }),
            () => Effect.void,
          )
        }
      })

    const syncOne = (id: ProductId) =>
      supplier.fetch(id).pipe(
        Effect.flatMap((status) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => repo.updateStatus(id, status, new Date(now)))
        ),
        // onExit also sees interruption, so an item cut off mid-flight is still counted.
        Effect.onExit((exit) => settle(id, exit)),
        Effect.catchAllCause(() => Effect.void),
      )

    // A failed page read ends the id stream instead of failing it: products
    // already started finish normally, and the rest are "not attempted".
    const stopped = yield* Ref.make<string | undefined>(undefined)
    const ids = productIds(repo, { upTo: total, pageSize }).pipe(
      Stream.catchAll((error) => Stream.execute(Ref.set(stopped, error.message))),
    )
    yield* Stream.runDrain(strategy.stream(syncOne)(ids))
    const stoppedBy = yield* Ref.get(stopped)

    const { updated, failed } = yield* Ref.get(tally)
    const missing: Array<SyncFailure> = []
    for (let id = 1; id <= total; id++) {
      if (settled[id] === 0) {
        missing.push({
          id: id as ProductId,
          reason: stoppedBy === undefined ? "not in the products table" : notAttempted,
        })
      }
    }
    const finished = yield* Clock.currentTimeMillis
    const { peakConnections } = yield* repo.stats
    return {
      strategy: strategy.name,
      limit: strategy.limit,
      products: total,
      updated,
      failed: [...failed, ...missing].sort((a, b) => a.id - b.id),
      retries: 0,
      elapsedMs: finished - started,
      peakConnections,
      ...(stoppedBy === undefined ? {} : { stoppedBy }),
    }
  })
