/**
 * The input of one run, read one item at a time, and the state the engines
 * share with the runner.
 *
 * An iterable is never read ahead: an item is taken only when a worker is
 * free to start it, so an infinite generator is fine and memory holds only the
 * items in flight. An error thrown by the iterator ends the input and is kept
 * as a {@link TaskNotRun} naming the index it failed at.
 *
 * @internal
 */
import { TaskNotRun } from "./errors.ts"

/** What {@link Source.take} returns once the input is exhausted (or failed). */
export const End: unique symbol = Symbol.for("poolwise/End")
export type End = typeof End

/** The input, taken in order. */
export interface Source<A> {
  /** The whole input, when it is an array: engines may index it directly (the fast path). */
  readonly array: ReadonlyArray<A> | undefined
  /** How many items were taken: the index the next one gets. */
  readonly taken: number
  /** Set when the iterator threw, at index `taken`. */
  readonly failure: TaskNotRun | undefined
  /** The next item, or {@link End}. */
  take(): A | End
  /** Lets a generator run its `finally` when the run ends before the input does. */
  close(): void
}

class IteratorSource<A> implements Source<A> {
  readonly array = undefined
  taken = 0
  failure: TaskNotRun | undefined = undefined
  private iterator: Iterator<A> | undefined
  private ended = false

  constructor(private readonly items: Iterable<A>) {}

  take(): A | End {
    if (this.ended) return End
    try {
      this.iterator ??= this.items[Symbol.iterator]()
      const next = this.iterator.next()
      if (next.done !== true) {
        this.taken++
        return next.value
      }
    } catch (cause) {
      this.failure = new TaskNotRun({ index: this.taken, reason: "input failed", cause })
    }
    this.ended = true
    this.iterator = undefined
    return End
  }

  close(): void {
    const iterator = this.iterator
    this.ended = true
    this.iterator = undefined
    try {
      iterator?.return?.()
    } catch {
      // The run is over; a generator failing in its `finally` changes nothing.
    }
  }
}

class ArraySource<A> implements Source<A> {
  readonly failure = undefined
  taken = 0
  constructor(readonly array: ReadonlyArray<A>) {}
  take(): A | End {
    return this.taken < this.array.length ? this.array[this.taken++]! : End
  }
  close(): void {}
}

/** Arrays keep their fast path; any other iterable is read lazily. */
export const sourceOf = <A>(items: Iterable<A>): Source<A> =>
  Array.isArray(items) ? new ArraySource(items as ReadonlyArray<A>) : new IteratorSource(items)

/**
 * What one run's engine and its runner share. `results[i]` is set when item
 * `i` has finished: a hole means it did not.
 */
export interface RunState<A> {
  readonly results: Array<unknown>
  /** Once set, no item starts: the first failure in fail-fast mode, or a stop. */
  halted: boolean
  /** Fail-fast: a failed input fails the run at once. Collect: it only ends the input. */
  readonly failFast: boolean
  /** Items that were running when the run was interrupted, by index (iterables only). */
  readonly cutOff: Map<number, A>
}

export const makeRunState = <A>(failFast: boolean, size = 0): RunState<A> => ({
  results: new Array(size),
  halted: false,
  failFast,
  cutOff: new Map(),
})
