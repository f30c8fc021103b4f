/**
 * The engine under `pooled`: a crew of workers sharing one cursor.
 *
 * `Effect.forEach` with a numeric `concurrency` already keeps `n` fibers busy,
 * but it pays for its generality on every item: a `yieldNow` to the scheduler,
 * an `Exit` per result kept in a list, an extra fiber to watch the others. Here
 * each worker runs one tight loop: take the next item, run its task, store its
 * result at its index, repeat. Nothing is allocated per item beyond the task's
 * own effect.
 *
 * The schedule is the same: a worker that finishes takes the next unstarted
 * item at once, in input order, so start times are those of a greedy list
 * scheduler. Fairness comes from the runtime, which makes a fiber yield after
 * a fixed number of operations, not from a yield per item.
 *
 * No more workers start than there are items: over an array, `min(limit, n)`
 * of them; over any other iterable, a worker is hired only once the item it
 * will run has been read, so a limit of 2^53 - 1 over 3 items costs 3 workers.
 *
 * @since 0.1.0
 */
import { Cause, Effect } from "effect"
import { makeCrew } from "./crew.ts"
import type { TaskNotRun } from "./errors.ts"
import type { Task } from "../../strategies/Runner.ts"
import { End, makeRunState, type RunState, type Source } from "./source.ts"

/** What one worker is running: its item, that item's index, and whether its task is under way. */
interface Slot<A> {
  item: A
  index: number
  running: boolean
}

/**
 * One worker: while `next` fills its slot, run the slot's task and store the
 * result. Its first failure halts the run before it yields, so no sibling that
 * wakes later takes another item; if it is interrupted mid-task, its item is
 * recorded as cut off.
 */
const worker = <A, B, E, R>(
  task: Task<A, B, E, R>,
  run: RunState<A>,
  slot: Slot<A>,
  next: () => boolean,
  start: () => Effect.Effect<B, E | TaskNotRun, R> = () => task(slot.item, slot.index),
): Effect.Effect<void, E | TaskNotRun, R> =>
  Effect.onError(
    Effect.whileLoop({
      while: next,
      body: () => {
        slot.running = true
        return start()
      },
      step: (value) => {
        slot.running = false
        run.results[slot.index] = value
      },
    }),
    (cause) =>
      Effect.sync(() => {
        run.halted = true
        if (slot.running && Cause.isInterruptedOnly(cause)) run.cutOff.set(slot.index, slot.item)
      }),
  )

/**
 * Runs `task` over `items` with at most `limit` tasks in flight; results in
 * input order. `limit` must already be a whole number ≥ 1 (the runners check).
 *
 * Fail-fast: the first failure (or defect, or interruption) stops every worker
 * from taking another item, and the other workers' running tasks are
 * interrupted. Interrupting the whole run interrupts every worker. Setting
 * `run.halted` from outside lets the running tasks finish and starts no other.
 *
 * `pooled([1, 2, 3], double, { concurrency: 2 })` runs
 * `workerLoop([1, 2, 3], double, 2)` after checking the limit.
 *
 * @since 0.1.0
 * @category dispatch
 */
export const workerLoop = <A, B, E, R>(
  items: ReadonlyArray<A>,
  task: Task<A, B, E, R>,
  limit: number,
  run: RunState<A> = makeRunState(true, items.length),
): Effect.Effect<Array<B>, E, R> =>
  Effect.suspend(() => {
    const total = items.length
    const results = run.results as Array<B>
    if (total === 0) return Effect.succeed(results)

    let cursor = 0
    const member = Effect.suspend(() => {
      const slot: Slot<A> = { item: undefined as A, index: 0, running: false }
      return worker(task, run, slot, () => {
        if (run.halted || cursor >= total) return false
        slot.index = cursor++
        slot.item = items[slot.index]!
        return true
      }) as Effect.Effect<void, E, R>
    })

    const workers = Math.min(limit, total)
    const crew = workers === 1
      ? member
      : Effect.forEach(Array.from({ length: workers }), () => member, { concurrency: "unbounded", discard: true })
    return Effect.as(crew, results)
  })

/**
 * The same crew over any iterable, read lazily: an item is taken only when a
 * worker is free to start it. A worker that takes an item while the crew is
 * below `limit` first reads the next item and hires a worker for it, so the
 * crew grows to `min(limit, n)` at t = 0 and never runs ahead of the limit.
 *
 * When the input throws, `source.failure` names the index: in fail-fast mode
 * the run fails with it at once; in collect mode the input simply ends there.
 */
export const lazyWorkers = <A, B, E, R>(
  source: Source<A>,
  task: Task<A, B, E, R>,
  limit: number,
  run: RunState<A>,
): Effect.Effect<void, E | TaskNotRun, R> =>
  Effect.scoped(Effect.gen(function* () {
    const crew = yield* makeCrew<E | TaskNotRun>()
    const inputFailed = () => run.failFast && source.failure !== undefined

    const member = (first: A, firstIndex: number): Effect.Effect<void, E | TaskNotRun, R> =>
      Effect.suspend(() => {
        const slot: Slot<A> = { item: first, index: firstIndex, running: false }
        let fresh = true
        const next = () => {
          if (fresh) return !(fresh = false)
          if (run.halted) return false
          const item = source.take()
          if (item === End) return false
          slot.item = item
          slot.index = source.taken - 1
          return true
        }
        // Read the item the next worker will run before this one starts its own.
        const start = (): Effect.Effect<B, E | TaskNotRun, R> => {
          if (crew.size >= limit || run.halted) return task(slot.item, slot.index)
          const item = source.take()
          if (item !== End) {
            return Effect.zipRight(crew.hire(member(item, source.taken - 1)), task(slot.item, slot.index))
          }
          return inputFailed() ? Effect.fail(source.failure!) : task(slot.item, slot.index)
        }
        return Effect.zipRight(
          worker(task, run, slot, next, start),
          Effect.suspend(() => inputFailed() ? Effect.fail(source.failure!) : Effect.void),
        )
      })

    const first = source.take()
    if (first === End) return yield* (inputFailed() ? Effect.fail(source.failure!) : Effect.void)
    yield* crew.hire(member(first, 0))
    yield* crew.done
  }))
