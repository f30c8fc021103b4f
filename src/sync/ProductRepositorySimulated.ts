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
import { Product, type ProductId, productName, type ProductStatus } from "./Product.ts"
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
    const initial = options.products === undefined || options.products === 0
      ? 0
      : yield* positiveInteger("products", options.products)
    const table = new Columns(initial)
    // The sync_runs table.
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
        const name = ensure.name
        let inserted = 0
        for (let from = 1; from <= total; from += batchSize) {
          const to = Math.min(total, from + batchSize - 1)
          inserted += yield* statement(
            "ensureProducts",
            Effect.sync(() => {
              let added = 0
              for (let n = from; n <= to; n++) {
                if (table.has(n)) continue
                table.insert(n, name === undefined ? undefined : name(n as ProductId))
                added++
              }
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
          const last = upTo === undefined ? table.maxId : Math.min(table.maxId, upTo)
          const wanted = run === undefined ? undefined : table.runSlotOf(run.id)
          // Ids are whole numbers: the first one above `after` is floor(after) + 1.
          for (let id = Math.max(1, Math.floor(after) + 1); id <= last && page.length < limit; id++) {
            if (!table.has(id)) continue
            if (run !== undefined && (table.runSlot[id] === wanted) !== run.synced) continue
            page.push(id as ProductId)
          }
          return page
        }),
      )

    const updateStatus: ProductRepositoryShape["updateStatus"] = (id, status, syncedAt, runId) =>
      statement(
        "updateStatus",
        Effect.suspend(() => {
          if (!table.has(id)) return Effect.fail(new ProductNotFound({ id }))
          table.update(id, status, syncedAt, runId)
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
      statement("findById", Effect.sync(() => (table.has(id) ? Option.some(table.row(id)) : Option.none())))

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

const present = 1
const discontinuedFlag = 2
// `syncedAt` column: NaN is NULL; Infinity is an invalid Date (DateFromSelf accepts one), never a real time.
const invalidDate = Number.POSITIVE_INFINITY

/**
 * The `products` table, one typed array per column, indexed by id: about 21
 * bytes a row instead of a `Product` object (a million rows: ~21 MB, not
 * ~200 MB), and an update allocates nothing. Names are not stored: a row's
 * name is {@link productName} of its id unless it was inserted with another
 * name, and only those are kept. A `Product` is built only when a row is read.
 */
class Columns {
  /** Bit 0: the row exists; bit 1: discontinued. */
  flags: Uint8Array
  stock: Float64Array
  /** Epoch ms; NaN for NULL. */
  syncedAt: Float64Array
  /** `sync_run_id`: 0 for NULL, else the run's slot in `runSlots` (from 1). */
  runSlot: Uint32Array
  /** Highest id present, so scans stop there. */
  maxId = 0
  private readonly names = new Map<number, string>()
  private readonly runSlots = new Map<string, number>()

  /** Rows 1..`rows` with their defaults (see {@link insert}). */
  constructor(rows: number) {
    this.flags = new Uint8Array(rows + 1).fill(present, 1)
    this.stock = new Float64Array(rows + 1)
    this.syncedAt = new Float64Array(rows + 1).fill(Number.NaN)
    this.runSlot = new Uint32Array(rows + 1)
    this.maxId = rows
  }

  has(id: number): boolean {
    // Out of range, negative or fractional ids index nothing: undefined & 1 is 0.
    return ((this.flags[id] as number) & present) !== 0
  }

  /** A new row (id not present): stock 0, not discontinued, synced_at NULL, named `name` or by default. */
  insert(id: number, name: string | undefined): void {
    if (name !== undefined && typeof name !== "string") {
      new Product({ id: id as ProductId, name, stock: 0, discontinued: false, syncedAt: null }) // throws, as before
    }
    if (id >= this.flags.length) this.grow(id + 1)
    this.flags[id] = present
    this.stock[id] = 0
    this.syncedAt[id] = Number.NaN
    this.runSlot[id] = 0
    if (name === undefined) this.names.delete(id)
    else this.names.set(id, name)
    if (id > this.maxId) this.maxId = id
  }

  update(id: number, status: ProductStatus, syncedAt: Date, runId: string | undefined): void {
    const { stock, discontinued } = status
    // What the row's schema (a Product) accepts, checked without building one;
    // anything else builds one, so it fails exactly as a Product would.
    if (!(Number.isSafeInteger(stock) && stock >= 0 && typeof discontinued === "boolean" && syncedAt instanceof Date)) {
      new Product({ ...this.row(id), stock, discontinued, syncedAt })
    }
    this.stock[id] = stock
    this.flags[id] = discontinued ? present | discontinuedFlag : present
    const time = syncedAt.getTime()
    this.syncedAt[id] = Number.isNaN(time) ? invalidDate : time
    if (runId !== undefined) this.runSlot[id] = this.slotFor(runId)
  }

  row(id: number): Product {
    const time = this.syncedAt[id]!
    return new Product({
      id: id as ProductId,
      name: this.names.get(id) ?? productName(id as ProductId),
      stock: this.stock[id]!,
      discontinued: (this.flags[id]! & discontinuedFlag) !== 0,
      syncedAt: Number.isNaN(time) ? null : new Date(time === invalidDate ? Number.NaN : time),
    })
  }

  /** The slot run `id` has in `runSlot`, or -1 (matching no row) when no row was written by it. */
  runSlotOf(id: string): number {
    return this.runSlots.get(id) ?? -1
  }

  private slotFor(runId: string): number {
    let slot = this.runSlots.get(runId)
    if (slot === undefined) {
      slot = this.runSlots.size + 1
      this.runSlots.set(runId, slot)
    }
    return slot
  }

  // Geometric growth: inserting ids one batch at a time copies each row O(1) times.
  private grow(needed: number): void {
    const length = Math.max(needed, this.flags.length * 2)
    const flags = new Uint8Array(length)
    flags.set(this.flags)
    this.flags = flags
    const stock = new Float64Array(length)
    stock.set(this.stock)
    this.stock = stock
    const syncedAt = new Float64Array(length)
    syncedAt.set(this.syncedAt)
    this.syncedAt = syncedAt
    const runSlot = new Uint32Array(length)
    runSlot.set(this.runSlot)
    this.runSlot = runSlot
  }
}

const nonNegativeCount = (count: number) => count === 0 ? Effect.succeed(0) : positiveInteger("count", count)
