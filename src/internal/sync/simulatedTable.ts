/**
 * The simulated store's `products` table, kept as columns.
 *
 * @internal
 */
import { Product, type ProductId, productName, type ProductStatus } from "./Product.ts"

const present = 1
const discontinuedFlag = 2
// `syncedAt` column: NaN is NULL; Infinity is an invalid Date (DateFromSelf accepts one), never a real time.
const invalidDate = Number.POSITIVE_INFINITY

/**
 * The `products` table, one typed array per column, indexed by id: about 21
 * bytes a row instead of a `Product` object (a million rows: ~21 MB, not
 * ~200 MB), and an update allocates nothing. Names are not stored: a row's
 * name is `productName` of its id unless it was inserted with another
 * name, and only those are kept. A `Product` is built only when a row is read.
 */
export class SimulatedTable {
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
    // Like the SQL store: a write without a run clears `sync_run_id`.
    this.runSlot[id] = runId === undefined ? 0 : this.slotFor(runId)
  }

  /** Whether run `runId` wrote row `id` (`sync_run_id = runId`). */
  writtenBy(id: number, runId: string): boolean {
    const slot = this.runSlots.get(runId)
    return slot !== undefined && this.runSlot[id] === slot
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
    this.flags = grown(this.flags, new Uint8Array(length))
    this.stock = grown(this.stock, new Float64Array(length))
    this.syncedAt = grown(this.syncedAt, new Float64Array(length))
    this.runSlot = grown(this.runSlot, new Uint32Array(length))
  }
}

/** `larger` holding `column`'s values at the start. */
const grown = <T extends Uint8Array | Float64Array | Uint32Array>(column: T, larger: T): T => {
  larger.set(column)
  return larger
}
