/**
 * Where a recorder keeps its spans while tasks run: one typed column per field
 * (start, end, slot, index, outcome), grown by doubling. Logging a start or an
 * end writes a few numbers in place, amortised O(1), and leaves the garbage
 * collector nothing to trace per task; `Span` objects are built only when the
 * timeline is read.
 */
import type { Outcome, Span } from "../../timeline/Timeline.ts"

const RUNNING = 0
const OUTCOMES: ReadonlyArray<Outcome> = ["succeeded", "failed", "interrupted"]

export interface SpanLog {
  /** Logs a task's start; returns its position, for {@link SpanLog.end}. */
  readonly start: (index: number, slot: number, start: number) => number
  /** Logs the end of the task at `position`. `label` undefined means the default: the 1-based index. */
  readonly end: (position: number, end: number, outcome: Outcome, label: string | undefined) => void
  /** The finished spans, ordered by start time, then slot. */
  readonly finished: () => Array<Span>
}

const byStartThenSlot = (a: Span, b: Span) => a.start - b.start || a.slot - b.slot
const bySlot = (a: Span, b: Span) => a.slot - b.slot

/**
 * Puts spans logged in the order they started into start-then-slot order.
 * Starts read from a clock come in order, so only tasks that started at the
 * same time need sorting, by slot: a few at a time, not the whole list. If a
 * clock ever went back, the whole list is sorted.
 */
const orderByStartThenSlot = (spans: Array<Span>): Array<Span> => {
  for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.start) return spans.sort(byStartThenSlot)
  for (let first = 0; first < spans.length;) {
    let next = first + 1
    while (next < spans.length && spans[next]!.start === spans[first]!.start) next++
    if (next - first > 1) {
      const tied = spans.slice(first, next).sort(bySlot)
      for (let i = 0; i < tied.length; i++) spans[first + i] = tied[i]!
    }
    first = next
  }
  return spans
}

const grow = <T extends Float64Array | Uint32Array | Uint8Array>(column: T, length: number): T => {
  const bigger = new (column.constructor as new (length: number) => T)(length)
  bigger.set(column)
  return bigger
}

export const makeSpanLog = (): SpanLog => {
  let capacity = 256
  let count = 0
  let starts = new Float64Array(capacity)
  let ends = new Float64Array(capacity)
  let slots = new Uint32Array(capacity)
  let indexes = new Float64Array(capacity)
  // 0 while running, else 1 + the outcome's position in OUTCOMES.
  let outcomes = new Uint8Array(capacity)
  const labels: Array<string | undefined> = []

  const start = (index: number, slot: number, startedAt: number): number => {
    if (count === capacity) {
      capacity *= 2
      starts = grow(starts, capacity)
      ends = grow(ends, capacity)
      slots = grow(slots, capacity)
      indexes = grow(indexes, capacity)
      outcomes = grow(outcomes, capacity)
    }
    starts[count] = startedAt
    slots[count] = slot
    indexes[count] = index
    labels.push(undefined)
    return count++
  }

  const end = (position: number, endedAt: number, outcome: Outcome, label: string | undefined): void => {
    ends[position] = endedAt
    outcomes[position] = 1 + OUTCOMES.indexOf(outcome)
    labels[position] = label
  }

  const finished = (): Array<Span> => {
    const spans: Array<Span> = []
    for (let i = 0; i < count; i++) {
      if (outcomes[i] === RUNNING) continue
      const index = indexes[i]!
      spans.push({
        index,
        label: labels[i] ?? String(index + 1),
        slot: slots[i]!,
        start: starts[i]!,
        end: ends[i]!,
        outcome: OUTCOMES[outcomes[i]! - 1]!,
      })
    }
    return orderByStartThenSlot(spans)
  }

  return { start, end, finished }
}
