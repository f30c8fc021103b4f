/**
 * A run over an array or any other iterable: the engine stores each result at
 * its index, so the output is in input order; collect mode settles every task
 * into an `Either`; the stops halt or interrupt the engine; whatever did not
 * run is listed as a `TaskNotRun`.
 *
 * @internal
 */
import { Effect, Either } from "effect"
import type { Task } from "../../strategies/Runner.ts"
import type { Settled, TaskFailure } from "../../strategies/Settled.ts"
import type { Engine } from "./itemEngines.ts"
import { TaskNotRun } from "./errors.ts"
import { makeRunState, type RunState, type Source, sourceOf } from "./source.ts"

/** The options a run reads, once validated. */
export interface Checked {
  readonly collect: boolean
  readonly ordered: boolean
  readonly haltWhen: Effect.Effect<unknown, unknown, unknown> | undefined
  readonly interruptWhen: Effect.Effect<unknown, unknown, unknown> | undefined
}

/**
 * Races the run against its stop signals: `haltWhen` only halts it (running
 * items finish), `interruptWhen` also interrupts the items running. A signal
 * that fails fails the run, as with `Stream.haltWhen` and `Stream.interruptWhen`.
 */
export const withStops = (
  work: Effect.Effect<void, unknown, unknown>,
  halt: Effect.Effect<void>,
  options: Checked,
): Effect.Effect<void, unknown, unknown> => {
  let raced = work
  if (options.haltWhen !== undefined) {
    raced = Effect.raceFirst(raced, Effect.zipRight(options.haltWhen, Effect.zipRight(halt, Effect.never)))
  }
  if (options.interruptWhen !== undefined) raced = Effect.raceFirst(raced, Effect.zipRight(options.interruptWhen, halt))
  return raced
}

/** Every item read but not finished, then the input's own failure: the items that did not run. */
const notRunOf = <A>(source: Source<A>, run: RunState<A>): Array<TaskNotRun> => {
  const notRun: Array<TaskNotRun> = []
  const read = source.array?.length ?? source.taken
  for (let index = 0; index < read; index++) {
    if (index in run.results) continue
    const cut = run.cutOff.has(index)
    const item = source.array === undefined ? run.cutOff.get(index) : source.array[index]
    notRun.push(new TaskNotRun({ index, reason: cut ? "interrupted" : "stopped", item }))
  }
  if (source.failure !== undefined) notRun.push(source.failure)
  return notRun
}

/** The settled form of a run's results: failures sorted by index, the items that did not run in place. */
export const settle = <A, B, E>(
  results: Array<unknown>,
  failures: Array<TaskFailure<A, E>>,
  notRun: ReadonlyArray<TaskNotRun>,
): Settled<A, B, E> => {
  for (const skipped of notRun) results[skipped.index] = Either.left(skipped)
  return {
    results: results as Array<Either.Either<B, E | TaskNotRun>>,
    errors: failures.sort((a, b) => a.index - b.index),
    notRun,
  }
}

/** Wraps a task so that its failure becomes an `Either.left`, kept with its item in `failures`. */
export const settling =
  <A, B, E, R>(task: Task<A, B, E, R>, failures: Array<TaskFailure<A, E>>) =>
  (item: A, index: number): Effect.Effect<Either.Either<B, E>, never, R> =>
    Effect.match(task(item, index), {
      onFailure: (error) => {
        failures.push({ index, item, error })
        return Either.left(error)
      },
      onSuccess: Either.right,
    })

/** Runs `task` over `items` with `engine`: an array of results in input order, or a settled run. */
export const runIterable = <A, B, E, R>(
  engine: Engine,
  items: Iterable<A>,
  task: Task<A, B, E, R>,
  options: Checked,
): Effect.Effect<Array<B> | Settled<A, B, E>, unknown, unknown> =>
  Effect.suspend(() => {
    const source = sourceOf(items)
    const run = makeRunState<A>(!options.collect, source.array?.length ?? 0)
    const stoppable = options.haltWhen !== undefined || options.interruptWhen !== undefined
    const failures: Array<TaskFailure<A, E>> = []
    const work = options.collect ? engine(source, settling(task, failures), run) : engine(source, task, run)
    const halt = Effect.sync(() => {
      run.halted = true
    })
    const ran = stoppable ? withStops(work, halt, options) : work

    return Effect.ensuring(ran, Effect.sync(() => source.close())).pipe(
      Effect.flatMap((): Effect.Effect<Array<B> | Settled<A, B, E>, TaskNotRun> => {
        const notRun = stoppable || source.failure !== undefined ? notRunOf(source, run) : []
        if (!options.collect) {
          return notRun.length === 0 ? Effect.succeed(run.results as Array<B>) : Effect.fail(notRun[0]!)
        }
        return Effect.succeed(settle<A, B, E>(run.results, failures, notRun))
      }),
    )
  })
