/**
 * Every product's outcome in a run, kept compactly: one byte of state per
 * product, and for failed ones a 4-byte index into a table of distinct
 * reasons. A million products take 5 MB whatever fails, and no per-failure
 * object outlives the moment it is counted.
 *
 * @internal
 */
import type { ProductId } from "./Product.ts"
import { type FailureGroup, interrupted, notAttempted, notInTable, type SyncFailure } from "./SyncReport.ts"

const untouched = 0
const started = 1
const updated = 2
const failed = 3
const alreadySynced = 4

type Reason = Omit<SyncFailure, "id">

/** The outcomes of products `first..last`. */
export class Tally {
  private readonly state: Uint8Array
  private reasonOf: Uint32Array | undefined
  private readonly reasons: Array<Reason> = []
  private readonly reasonIndex = new Map<string, number>()
  private updatedCount = 0
  private failedCount = 0
  private alreadyCount = 0

  constructor(readonly first: number, readonly last: number) {
    this.state = new Uint8Array(Math.max(0, last - first + 1))
  }

  get updated(): number {
    return this.updatedCount
  }

  get failed(): number {
    return this.failedCount
  }

  get alreadySynced(): number {
    return this.alreadyCount
  }

  /** Products settled so far (updated, failed or already synced). */
  get settled(): number {
    return this.updatedCount + this.failedCount + this.alreadyCount
  }

  start(id: ProductId): void {
    if (this.state[id - this.first] === untouched) this.state[id - this.first] = started
  }

  /** Marks `id` updated; false if it was already settled (a product is counted once). */
  succeed(id: ProductId): boolean {
    return this.settle(id, updated)
  }

  /** Marks `id` failed with `reason`; false if it was already settled. */
  fail(id: ProductId, reason: Reason): boolean {
    if (!this.settle(id, failed)) return false
    const key = `${reason.errno ?? ""}\u0000${reason.code ?? ""}\u0000${reason.reason}`
    let index = this.reasonIndex.get(key)
    if (index === undefined) {
      index = this.reasons.length
      this.reasons.push(reason)
      this.reasonIndex.set(key, index)
    }
    this.reasonOf ??= new Uint32Array(this.state.length)
    this.reasonOf[id - this.first] = index
    return true
  }

  /** Marks `id` as written by the resumed run before this invocation. */
  markAlreadySynced(id: ProductId): void {
    this.settle(id, alreadySynced)
  }

  /** Products never started (not read, or not reached). */
  *untouched(): Generator<ProductId> {
    for (let i = 0; i < this.state.length; i++) if (this.state[i] === untouched) yield (i + this.first) as ProductId
  }

  /** Products started but not settled: in flight when the run stopped. */
  *inFlight(): Generator<ProductId> {
    for (let i = 0; i < this.state.length; i++) if (this.state[i] === started) yield (i + this.first) as ProductId
  }

  /**
   * Settles everything left: in flight → "interrupted", never started →
   * "not attempted" (the run stopped early) or "not in the products table".
   */
  close(stoppedEarly: boolean): void {
    const never = { reason: stoppedEarly ? notAttempted : notInTable }
    for (let i = 0; i < this.state.length; i++) {
      const state = this.state[i]
      if (state === started) this.fail((i + this.first) as ProductId, { reason: interrupted })
      else if (state === untouched) this.fail((i + this.first) as ProductId, never)
    }
  }

  /** Failures grouped by reason, each with its ids as ascending ranges. */
  groups(): Array<FailureGroup> {
    const groups = this.reasons.map((reason) => ({ ...reason, count: 0, ids: [] as Array<[number, number]> }))
    for (let i = 0; i < this.state.length; i++) {
      if (this.state[i] !== failed) continue
      const group = groups[this.reasonOf![i]!]!
      const id = i + this.first
      const lastRange = group.ids[group.ids.length - 1]
      if (lastRange !== undefined && lastRange[1] === id - 1) lastRange[1] = id
      else group.ids.push([id, id])
      group.count++
    }
    return groups.filter((group) => group.count > 0).map(({ reason, errno, code, count, ids }) => ({
      reason,
      ...(errno === undefined ? {} : { errno }),
      ...(code === undefined ? {} : { code }),
      count,
      ids,
    }))
  }

  private settle(id: ProductId, to: number): boolean {
    const i = id - this.first
    const state = this.state[i]
    if (state === undefined || state === updated || state === failed || state === alreadySynced) return false
    this.state[i] = to
    if (to === updated) this.updatedCount++
    else if (to === failed) this.failedCount++
    else this.alreadyCount++
    return true
  }
}
