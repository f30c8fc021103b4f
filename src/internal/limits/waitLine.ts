/**
 * A first-in, first-out line of waiters, for gates whose waiters may leave
 * (be interrupted) before their turn.
 *
 * Every operation is O(1) (amortised): `join` appends, `next` moves a head
 * index past waiters that left, and a waiter that leaves is only marked, so
 * leaving never searches the line. The array is compacted when the head has
 * passed more than half of it, so each waiter is copied at most once on
 * average. Counters of that work (`Work`) let a test prove the costs by
 * counting, whatever the machine's speed.
 *
 * @internal
 */

/** One waiter: `wake` until it is woken or leaves, `undefined` after. */
export interface Waiter {
  wake: (() => void) | undefined
}

/** What the line has done since it was made: the costs a counting test checks. */
export interface Work {
  /** Waiters handed their turn. */
  readonly woken: number
  /** Waiters passed over because they had left. */
  readonly skipped: number
  /** Array slots copied by compaction. */
  readonly copied: number
}

export interface WaitLine {
  /** Appends a waiter; `wake` is called (once) when its turn comes. */
  readonly join: (wake: () => void) => Waiter
  /** Marks a waiter as gone. Returns false when it was already woken (its turn was handed to it). */
  readonly leave: (waiter: Waiter) => boolean
  /** Wakes the first waiter still in line; false when there is none. */
  readonly wakeNext: () => boolean
  /** Waiters still in line (not woken, not gone). */
  readonly size: () => number
  readonly work: () => Work
}

/** Compaction starts only past this many passed slots, so short lines never copy. */
const COMPACT_AFTER = 1024

export const makeWaitLine = (): WaitLine => {
  let line: Array<Waiter | undefined> = []
  let head = 0
  let size = 0
  let woken = 0
  let skipped = 0
  let copied = 0

  const compact = () => {
    if (head > COMPACT_AFTER && head * 2 > line.length) {
      copied += line.length - head
      line = line.slice(head)
      head = 0
    }
  }

  return {
    join: (wake) => {
      const waiter: Waiter = { wake }
      line.push(waiter)
      size++
      return waiter
    },
    leave: (waiter) => {
      if (waiter.wake === undefined) return false
      waiter.wake = undefined
      size--
      return true
    },
    wakeNext: () => {
      while (head < line.length) {
        const waiter = line[head]!
        line[head++] = undefined
        compact()
        const wake = waiter.wake
        if (wake === undefined) {
          skipped++
          continue
        }
        waiter.wake = undefined
        size--
        woken++
        wake()
        return true
      }
      return false
    },
    size: () => size,
    work: () => ({ woken, skipped, copied }),
  }
}
