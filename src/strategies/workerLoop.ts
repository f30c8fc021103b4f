/**
 * The engine under `pooled`: a fixed crew of workers sharing one cursor.
 *
 * `Effect.forEach` with a numeric `concurrency` already keeps `n` fibers busy,
 * but it pays for its generality on every item: a `yieldNow` to the scheduler,
 * an `Exit` per result kept in a list, an extra fiber to watch the others. Here
 * `min(limit, n)` fibers each run one tight loop: take the next index from a
 * shared cursor, run that item's task, store its result at its index, repeat.
 * Nothing is allocated per item beyond the task's own effect.
 *
 * The schedule is the same: a worker that finishes takes the next unstarted
 * item at once, in input order, so start times are those of a greedy list
 * scheduler. Fairness comes from the runtime, which makes a fiber yield after
 * a fixed number of operations, not from a yield per item.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { Task } from "./Strategy.ts"

/**
 * Runs `task` over `items` with at most `limit` tasks in flight; results in
 * input order. `limit` must already be a whole number ≥ 1 (the runners check).
 *
 * Fail-fast: the first failure (or defect, or interruption) stops every worker
 * from taking another item, and the other workers' running tasks are
 * interrupted. Interrupting the whole run interrupts every worker.
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
): Effect.Effect<Array<B>, E, R> =>
  Effect.suspend(() => {
    const total = items.length
    const results = new Array<B>(total)
    if (total === 0) return Effect.succeed(results)

    let cursor = 0
    let stopped = false
    const stop = Effect.sync(() => {
      stopped = true
    })
    const more = () => !stopped && cursor < total

    // One worker: its own `index` (the item it is running), the shared cursor.
    const worker = Effect.suspend(() => {
      let index = 0
      return Effect.onError(
        Effect.whileLoop({
          while: more,
          body: () => {
            index = cursor++
            return task(items[index]!, index)
          },
          step: (value) => {
            results[index] = value
          },
        }),
        // Runs in the failing worker before it yields: no sibling that wakes
        // later can take another item.
        () => stop,
      )
    })

    const workers = Math.min(limit, total)
    const run = workers === 1
      ? worker
      : Effect.forEach(Array.from({ length: workers }), () => worker, { concurrency: "unbounded", discard: true })
    return Effect.as(run, results)
  })
