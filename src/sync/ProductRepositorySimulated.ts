/**
 * The embedded product store: no server, but the same limits as one.
 *
 * A statement takes one of `poolSize` pool connections (waiting if all are
 * busy), opens it on the "server", runs for `queryLatency` on Effect's clock
 * and gives the connection back. The server counts open connections and, like
 * MySQL past `max_connections`, refuses one more at once with errno 1040
 * "Too many connections". With a pool no larger than the cap that can never
 * happen; an unbounded fan-out over a pool larger than the cap is the incident.
 *
 * Simplification: a connection counts as open only while a statement uses it.
 * A real pool also keeps idle connections open, so a real server sees at least
 * as many. `stats` counts connections the server accepted: a refused attempt
 * never was a connection.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Option, Ref } from "effect"
import { type InvalidOptionError, positiveInteger } from "../strategies/InvalidOptionError.ts"
import { makeConnectionGauge, withPoolConnection } from "./ConnectionGauge.ts"
import { Product, ProductId, productName } from "./Product.ts"
import type { ProductRepositoryShape, SyncRun } from "./ProductRepository.ts"
import { ProductNotFound, RepositoryError } from "./RepositoryError.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface SimulatedDatabaseOptions {
  /** Pool connections (mysql2's `connectionLimit`); 10 by default, like mysql2. */
  readonly poolSize?: number | undefined
  /** The server's `max_connections`; 151 by default, like MySQL. */
  readonly maxConnections?: number | undefined
  /** Time each statement holds its connection; 1 ms by default. */
  readonly queryLatency?: Duration.DurationInput | undefined
  /** Products 1..n already in the table at start (named by {@link productName}), so tests need no timed setup. */
  readonly products?: number | undefined
}

/**
 * The error MySQL sends when `max_connections` is reached.
 *
 * @since 0.1.0
 * @category errors
 */
export const tooManyConnections = (operation: string): RepositoryError =>
  new RepositoryError({
    operation,
    message: "Too many connections",
    errno: 1040,
    code: "ER_CON_COUNT_ERROR",
    sqlState: "08004",
  })

/**
 * Builds the simulated store (see the module docs). Exposed so tests can wrap
 * one method, e.g. make `pageIds` fail after a few pages.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makeSimulatedRepository } from "poolwise"
 *
 * const repo = Effect.runSync(makeSimulatedRepository({ poolSize: 2, maxConnections: 151 }))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSimulatedRepository = (
  options: SimulatedDatabaseOptions = {},
): Effect.Effect<ProductRepositoryShape, InvalidOptionError> =>
  Effect.gen(function* () {
    const poolSize = yield* positiveInteger("poolSize", options.poolSize ?? 10)
    const maxConnections = yield* positiveInteger("maxConnections", options.maxConnections ?? 151)
    const latency = Duration.decode(options.queryLatency ?? Duration.millis(1))
    const pool = yield* Effect.makeSemaphore(poolSize)
    const gauge = yield* makeConnectionGauge
    const openOnServer = yield* Ref.make(0)
    const rows = new Map<number, Product>()
    const initial = options.products === undefined || options.products === 0
      ? 0
      : yield* positiveInteger("products", options.products)
    for (let n = 1; n <= initial; n++) {
      const id = ProductId.make(n)
      rows.set(n, new Product({ id, name: productName(id), stock: 0, discontinued: false, syncedAt: null }))
    }
    let sortedIds: Array<number> = [...rows.keys()]
    // sync_run_id per product, and the sync_runs table.
    const runOf = new Map<number, string>()
    const runs: Array<SyncRun> = []

    const connect = (operation: string) =>
      Effect.flatMap(
        Ref.modify(openOnServer, (open) => (open >= maxConnections ? [false, open] : [true, open + 1])),
        (accepted) => (accepted ? Effect.void : Effect.fail(tooManyConnections(operation))),
      )
    const disconnect = Ref.update(openOnServer, (open) => open - 1)
    const wait = Duration.isZero(latency) ? Effect.void : Effect.sleep(latency)

    // One statement: pool connection, server connection, latency, then the work.
    // The gauge counts from the server's accept: a refused attempt was never open.
    const statement = <A, E>(operation: string, work: Effect.Effect<A, E>): Effect.Effect<A, E | RepositoryError> =>
      withPoolConnection(
        pool,
        Effect.acquireUseRelease(connect(operation), () => gauge.track(Effect.zipRight(wait, work)), () => disconnect),
      )

    const ensureProducts: ProductRepositoryShape["ensureProducts"] = (count, ensure = {}) =>
      Effect.gen(function* () {
        const total = yield* nonNegativeCount(count)
        const batchSize = yield* positiveInteger("batchSize", ensure.batchSize ?? 1000)
        const name = ensure.name ?? productName
        let inserted = 0
        for (let from = 1; from <= total; from += batchSize) {
          const to = Math.min(total, from + batchSize - 1)
          inserted += yield* statement(
            "ensureProducts",
            Effect.sync(() => {
              let added = 0
              for (let n = from; n <= to; n++) {
                if (rows.has(n)) continue
                const id = ProductId.make(n)
                rows.set(n, new Product({ id, name: name(id), stock: 0, discontinued: false, syncedAt: null }))
                added++
              }
              if (added > 0) sortedIds = [...rows.keys()].sort((a, b) => a - b)
              return added
            }),
          )
        }
        return inserted
      })

    const pageIds: ProductRepositoryShape["pageIds"] = ({ after, limit, upTo, run }) =>
      statement(
        "pageIds",
        Effect.sync(() => {
          const page: Array<ProductId> = []
          for (let i = firstAbove(sortedIds, after); i < sortedIds.length && page.length < limit; i++) {
            const id = sortedIds[i]!
            if (upTo !== undefined && id > upTo) break
            if (run !== undefined && (runOf.get(id) === run.id) !== run.synced) continue
            page.push(ProductId.make(id))
          }
          return page
        }),
      )

    const updateStatus: ProductRepositoryShape["updateStatus"] = (id, status, syncedAt, runId) =>
      statement(
        "updateStatus",
        Effect.suspend(() => {
          const row = rows.get(id)
          if (row === undefined) return Effect.fail(new ProductNotFound({ id }))
          rows.set(id, new Product({ ...row, stock: status.stock, discontinued: status.discontinued, syncedAt }))
          if (runId !== undefined) runOf.set(id, runId)
          return Effect.void
        }),
      )

    // Run bookkeeping takes no connection and no time here, so that
    // `queryLatency` models the sync's own statements and makespans stay exact.
    const beginRun = (run: SyncRun) => Effect.sync(() => void runs.push(run))

    const completeRun = (id: string, at: Date) =>
      Effect.sync(() => {
        const index = runs.findIndex((run) => run.id === id)
        if (index >= 0) runs[index] = { ...runs[index]!, completedAt: at }
      })

    const latestIncompleteRun = Effect.sync(() =>
      Option.fromNullable([...runs].reverse().find((run) => run.completedAt === null))
    )

    const findById: ProductRepositoryShape["findById"] = (id) =>
      statement("findById", Effect.sync(() => Option.fromNullable(rows.get(id))))

    return {
      ensureProducts,
      pageIds,
      updateStatus,
      findById,
      beginRun,
      completeRun,
      latestIncompleteRun,
      stats: gauge.stats,
      resetStats: gauge.reset,
    }
  })

const nonNegativeCount = (count: number) => count === 0 ? Effect.succeed(0) : positiveInteger("count", count)

// Index of the first id greater than `after` (binary search).
const firstAbove = (ids: ReadonlyArray<number>, after: number): number => {
  let low = 0
  let high = ids.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (ids[mid]! <= after) low = mid + 1
    else high = mid
  }
  return low
}
