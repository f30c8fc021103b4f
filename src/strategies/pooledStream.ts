/**
 * The pool over a `Stream`: p-map's `pMapIterable` and Effect's
 * `Stream.mapEffect`, with the kit's schedule, limit validation and index.
 *
 * An `AsyncIterable` (a paginated API, a file read line by line, a queue)
 * becomes a stream with `Stream.fromAsyncIterable`; the stream is pulled only
 * as workers free up, so a slow consumer slows the reading (backpressure).
 *
 * @since 0.2.0
 */
import { Effect, Stream } from "effect"
import { dual } from "effect/Function"
import { type InvalidOptionError, positiveInteger } from "./InvalidOptionError.ts"
import { checkTask } from "../internal/strategies/runner.ts"
import type { Task } from "./Strategy.ts"
import { workerStream } from "../internal/strategies/workerStream.ts"

/**
 * @since 0.2.0
 * @category models
 */
export interface PooledStreamOptions {
  /** How many tasks may run at once: a whole number ≥ 1. */
  readonly concurrency: number
  /**
   * `false` (the default, like `Stream.mapEffect` and `pMapIterable`): results
   * in input order. `true`: each result as soon as its task ends.
   */
  readonly unordered?: boolean | undefined
}

/**
 * Runs `task` over a stream with at most `concurrency` tasks in flight, and
 * emits the results as a stream. The task gets each item and its index.
 *
 * A worker that finishes takes the next item at once (the same schedule as
 * `pooled`). In input order, a result waits for the ones before it, and no
 * item starts while `2 × concurrency` items are started and not yet emitted,
 * so one slow item cannot make memory grow. A task's failure interrupts the
 * running tasks and fails the stream; a failure of the input lets the running
 * tasks finish, then fails the stream with it. A bad `concurrency` fails the
 * stream with {@link InvalidOptionError} before anything is read.
 *
 * @example
 * ```ts
 * import { Chunk, Effect, Stream } from "effect"
 * import { pooledStream } from "poolwise"
 *
 * async function* pages() {
 *   yield* [1, 2, 3]
 * }
 * const fetchPage = (page: number, index: number) => Effect.succeed(`page ${page} (#${index})`)
 *
 * const results = Stream.fromAsyncIterable(pages(), (error) => error).pipe(
 *   pooledStream(fetchPage, { concurrency: 2 }),
 *   Stream.runCollect
 * )
 * Effect.runPromise(results).then(Chunk.toArray) // ["page 1 (#0)", "page 2 (#1)", "page 3 (#2)"]
 * ```
 *
 * @since 0.2.0
 * @category runners
 */
export const pooledStream: {
  <A, B, E, R>(
    task: Task<A, B, E, R>,
    options: PooledStreamOptions,
  ): <E2, R2>(items: Stream.Stream<A, E2, R2>) => Stream.Stream<B, E | E2 | InvalidOptionError, R | R2>
  <A, E2, R2, B, E, R>(
    items: Stream.Stream<A, E2, R2>,
    task: Task<A, B, E, R>,
    options: PooledStreamOptions,
  ): Stream.Stream<B, E | E2 | InvalidOptionError, R | R2>
} = dual(
  (args) => Stream.StreamTypeId in Object(args[0]),
  <A, E2, R2, B, E, R>(items: Stream.Stream<A, E2, R2>, task: Task<A, B, E, R>, options: PooledStreamOptions) =>
    Stream.unwrap(
      Effect.zipRight(
        checkTask(task),
        Effect.map(
          positiveInteger("concurrency", options?.concurrency),
          (limit) => workerStream(task, limit, { ordered: options.unordered !== true })(items),
        ),
      ),
    ),
)
