/**
 * The slots a recorder hands out: always the lowest free one, 1-based.
 *
 * Slots above every slot used so far are free by definition, so only slots
 * that were used and given back are stored, in a binary min-heap. Claiming
 * and releasing cost O(log k) for k slots ever in use at once (the peak
 * concurrency, a small number), never O(tasks).
 */
export interface FreeSlots {
  /** Takes the lowest free slot. */
  readonly claim: () => number
  /** Gives `slot` back; it must have been claimed and not yet released. */
  readonly release: (slot: number) => void
  /** Slots claimed and not released. */
  readonly inUse: () => number
}

export const makeFreeSlots = (): FreeSlots => {
  const heap: Array<number> = []
  let highest = 0

  const swap = (i: number, j: number) => {
    const t = heap[i]!
    heap[i] = heap[j]!
    heap[j] = t
  }

  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (heap[parent]! <= heap[i]!) return
      swap(i, parent)
      i = parent
    }
  }

  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < heap.length && heap[left]! < heap[smallest]!) smallest = left
      if (right < heap.length && heap[right]! < heap[smallest]!) smallest = right
      if (smallest === i) return
      swap(i, smallest)
      i = smallest
    }
  }

  const claim = (): number => {
    if (heap.length === 0) return ++highest
    const lowest = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      siftDown(0)
    }
    return lowest
  }

  const release = (slot: number): void => {
    heap.push(slot)
    siftUp(heap.length - 1)
  }

  return { claim, release, inUse: () => highest - heap.length }
}
