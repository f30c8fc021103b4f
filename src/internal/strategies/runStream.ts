/**
 * Runs over a `Stream` (the output is a stream) and over an async iterable
 * (read as a stream, collected by index into the same result as an array's).
 *
 * Over a stream, a stop ends the output, as `Stream.haltWhen` and
 * `Stream.interruptWhen` do: a halt stops reading the input and lets the
 * running items finish and be emitted; an interrupt ends it at once.
 *
 * @internal
 */
import { Effect, Either, Stream } from "effect"
import type { Task } from "../../strategies/Runner.ts"
import type { Settled, TaskFailure } from "../../strategies/Settled.ts"
import { TaskNotRun } from "./errors.ts"
import type { Plan } from "./plans.ts"
import { type Checked, settle, settling, withStops } from "./runIterable.ts"

/** Over a stream: each result (or, in collect mode, each outcome) as the strategy emits it. */
export const runStream = <A, B, E, R, E1, R1>(
  plan: Plan,
  items: Stream.Stream<A, E1, R1>,
  task: Task<A, B, E, R>,
  options: Checked,
): Stream.Stream<unknown, unknown, unknown> => {
  const run: Task<A, unknown, unknown, R> = options.collect
    ? (item, index) =>
      Effect.map(
        Effect.either(task(item, index)),
        Either.mapLeft((error): TaskFailure<A, E> => ({ index, item, error })),
      )
    : task
  const input = options.haltWhen === undefined ? items : Stream.haltWhen(items, options.haltWhen)
  const output = plan.stream(run, options.ordered)(input)
  return options.interruptWhen === undefined ? output : Stream.interruptWhen(output, options.interruptWhen)
}

/** What an async iterable threw, told apart from a task's failure. */
class InputFailure {
  constructor(readonly cause: unknown) {}
}

/**
 * Over an async iterable: read one item at a time as slots free up, results
 * stored by index (input order), the same modes and stops as an array's, and
 * the same accounting of what did not run.
 */
export const runAsyncIterable = <A, B, E, R>(
  plan: Plan,
  items: AsyncIterable<A>,
  task: Task<A, B, E, R>,
  options: Checked,
): Effect.Effect<Array<B> | Settled<A, B, E>, unknown, unknown> =>
  Effect.suspend(() => {
    const results: Array<unknown> = []
    const cutOff = new Map<number, A>()
    const failures: Array<TaskFailure<A, E>> = []
    let read = 0
    let halted = false
    let inputFailure: TaskNotRun | undefined

    const settled: Task<A, unknown, unknown, R> = options.collect ? settling(task, failures) : task
    const store = (item: A, index: number): Effect.Effect<void, unknown, R> =>
      Effect.suspend(() => {
        // Read before the halt, started after it: left as "stopped".
        if (halted) return Effect.void
        return settled(item, index).pipe(
          Effect.map((value) => {
            results[index] = value
          }),
          Effect.onInterrupt(() => Effect.sync(() => cutOff.set(index, item))),
        )
      })
    const input = Stream.fromAsyncIterable(items, (cause) => new InputFailure(cause)).pipe(
      // Counted as read before the halt is looked at, so an item taken from the iterator is never lost from the account.
      Stream.tap(() => Effect.sync(() => read++)),
      Stream.takeWhile(() => !halted),
    )
    const halt = Effect.sync(() => {
      halted = true
    })
    const work = Stream.runDrain(plan.stream(store, false)(input)).pipe(
      Effect.catchIf((error) => error instanceof InputFailure, (error) =>
        Effect.sync(() => {
          inputFailure = new TaskNotRun({ index: read, reason: "input failed", cause: (error as InputFailure).cause })
        })),
    )
    const stoppable = options.haltWhen !== undefined || options.interruptWhen !== undefined
    const ran = stoppable ? withStops(work, halt, options) : work

    return Effect.flatMap(ran, (): Effect.Effect<Array<B> | Settled<A, B, E>, TaskNotRun> => {
      const notRun: Array<TaskNotRun> = []
      for (let index = 0; index < read; index++) {
        if (index in results) continue
        const cut = cutOff.has(index)
        notRun.push(new TaskNotRun({ index, reason: cut ? "interrupted" : "stopped", item: cutOff.get(index) }))
      }
      if (inputFailure !== undefined) notRun.push(inputFailure)
      if (!options.collect) return notRun.length === 0 ? Effect.succeed(results as Array<B>) : Effect.fail(notRun[0]!)
      return Effect.succeed(settle<A, B, E>(results, failures, notRun))
    })
  })
