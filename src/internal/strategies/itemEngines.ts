/**
 * The engines behind the strategies: when each item of a run starts.
 *
 * @internal
 */
import { Effect } from "effect"
import type { Task } from "../../strategies/Runner.ts"
import type { StartTime } from "./admission.ts"
import type { TaskNotRun } from "./errors.ts"
import { End, type RunState, type Source } from "./source.ts"
import { lazyWorkers, workerLoop } from "./workerLoop.ts"

/**
 * How a strategy runs one input: take items from `source`, run their tasks,
 * store each result at `run.results[index]`, and take no item once
 * `run.halted` is set. It fails with a task's error (fail-fast) or with the
 * input's {@link TaskNotRun} (`source.failure`, when `run.failFast`).
 */
export type Engine = <A, B, E, R>(
  source: Source<A>,
  task: Task<A, B, E, R>,
  run: RunState<A>,
) => Effect.Effect<void, E | TaskNotRun, R>

/**
 * `limit` workers share one cursor: over an array, the tight loop of
 * {@link workerLoop}; over any other iterable, workers hired as items are
 * read ({@link lazyWorkers}). With `limit = Infinity` it is `unbounded`.
 */
export const workerEngine = (limit: number): Engine => (source, task, run) =>
  source.array === undefined
    ? lazyWorkers(source, task, limit, run)
    : Effect.asVoid(workerLoop(source.array, task, limit, run))

/**
 * Chunks of `size`, one after another; inside a chunk, all at once. A chunk
 * is read only when the previous one is done, and once the run is halted no
 * chunk starts. With `startTimes` (a rate), each item of a chunk also waits
 * for its start time, from a fresh schedule per run; an item still waiting
 * when the run halts never starts, and one waiting when the run is
 * interrupted is not cut off: it did not start.
 */
export const chunkEngine = (size: number, startTimes?: Effect.Effect<StartTime>): Engine =>
<A, B, E, R>(
  source: Source<A>,
  task: Task<A, B, E, R>,
  run: RunState<A>,
) =>
  startTimes === undefined
    ? chunks(size, source, task, run, undefined)
    : Effect.flatMap(startTimes, (token) => chunks(size, source, task, run, token))

const chunks = <A, B, E, R>(
  size: number,
  source: Source<A>,
  task: Task<A, B, E, R>,
  run: RunState<A>,
  token: StartTime | undefined,
): Effect.Effect<void, E | TaskNotRun, R> =>
  Effect.suspend(() => {
    let chunk: Array<A> = []
    let first = 0
    // With a rate: the indices that passed their start time (without one, every item of a chunk starts at once).
    const started = token === undefined ? undefined : new Set<number>()
    const readChunk = () => {
      if (run.halted) return false
      first = source.taken
      chunk = []
      started?.clear()
      while (chunk.length < size) {
        const item = source.take()
        if (item === End) break
        chunk.push(item)
      }
      // Fail-fast: a chunk the input failed in does not start.
      return chunk.length > 0 && !(run.failFast && source.failure !== undefined)
    }
    const store = (item: A, index: number) =>
      Effect.map(task(item, index), (value) => {
        run.results[index] = value
      })
    const start = token === undefined || started === undefined
      ? store
      : (item: A, index: number) =>
        token(Effect.suspend(() => {
          // Halted while it waited: left as "stopped", as an item never taken.
          if (run.halted) return Effect.void
          started.add(index)
          return store(item, index)
        }))
    const runChunk = () =>
      Effect.forEach(chunk, (item, i) => start(item, first + i), { concurrency: "unbounded", discard: true })
    const recordCutOff = Effect.sync(() =>
      chunk.forEach((item, i) => {
        const index = first + i
        if (!(index in run.results) && (started === undefined || started.has(index))) run.cutOff.set(index, item)
      })
    )
    return Effect.whileLoop({ while: readChunk, body: runChunk, step: () => {} }).pipe(
      Effect.onInterrupt(() => recordCutOff),
      Effect.zipRight(
        Effect.suspend((): Effect.Effect<void, TaskNotRun> =>
          run.failFast && source.failure !== undefined ? Effect.fail(source.failure) : Effect.void
        ),
      ),
    )
  })
