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
import { Cause, Chunk, Effect, Mailbox, Option, Stream } from "effect"
import type { Task } from "../strategies/Strategy.ts"

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

/**
 * The same crew of workers over a stream: the input is pulled one chunk at a
 * time (one worker pulls while the others wait for it), so memory stays flat
 * however long the stream is. Results are emitted as soon as their task ends,
 * not in input order.
 *
 * - At most `limit` tasks run at once, and a worker that finishes takes the
 *   next item at once, across chunk boundaries.
 * - A task's failure interrupts the running tasks and fails the stream.
 * - A failure of the input stream lets the tasks already running finish (their
 *   results are still emitted), then fails the stream with it.
 * - Ending the output early (or interrupting it) interrupts every worker.
 * - At most `max(limit, 16)` finished results wait for the consumer; beyond
 *   that, workers wait before taking more items.
 *
 * @since 0.1.0
 * @category dispatch
 */
export const workerStream = <A, B, E, R>(task: (item: A) => Effect.Effect<B, E, R>, limit: number) =>
<E2, R2>(
  items: Stream.Stream<A, E2, R2>,
): Stream.Stream<B, E | E2, R | R2> =>
  Stream.unwrapScoped(Effect.gen(function* () {
    const pull = yield* Stream.toPull(items)
    const output = yield* Mailbox.make<B, E | E2>(Math.max(limit, 16))
    const pulling = yield* Effect.makeSemaphore(1)

    let buffer: ReadonlyArray<A> = []
    let position = 0
    let ended = false
    let stopped = false
    let inputFailure: Cause.Cause<E2> | undefined

    // Only one worker pulls; the others wait, then find the new chunk.
    const refill = pulling.withPermits(1)(Effect.suspend(() => {
      if (position < buffer.length || ended || stopped) return Effect.void
      return Effect.matchCause(pull, {
        onSuccess: (chunk) => {
          buffer = Chunk.toReadonlyArray(chunk)
          position = 0
        },
        onFailure: (cause) => {
          ended = true
          const failure = Cause.flipCauseOption(cause)
          if (Option.isSome(failure)) inputFailure = failure.value
        },
      })
    }))

    const runOne = (item: A): Effect.Effect<unknown, E, R | R2> =>
      Effect.flatMap(task(item), (value) => output.offer(value))
    const stop = Effect.sync(() => {
      stopped = true
    })
    const worker = Effect.onError(
      Effect.whileLoop<unknown, E, R | R2>({
        while: () => !stopped && (position < buffer.length || !ended),
        body: () => position < buffer.length ? runOne(buffer[position++]!) : refill,
        step: () => {},
      }),
      () => stop,
    )

    yield* Effect.forEach(Array.from({ length: limit }), () => worker, { concurrency: "unbounded", discard: true })
      .pipe(
        Effect.matchCauseEffect({
          onSuccess: () => inputFailure === undefined ? output.end : output.failCause(inputFailure),
          onFailure: (cause) => output.failCause(cause),
        }),
        Effect.forkScoped,
      )
    return Mailbox.toStream(output)
  }))
