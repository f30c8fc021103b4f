/**
 * The one constructor behind `pooled`, `chunked` and `unbounded`: validation
 * of the input, the task and the options, the two error modes, the stops,
 * input order and the dual signature, written once. A strategy only supplies
 * its {@link Engine}: when each item starts.
 *
 * @internal
 */
import { Effect, Either } from "effect"
import { dual } from "effect/Function"
import { InvalidOptionError } from "../../strategies/InvalidOptionError.ts"
import { type Settled, type TaskFailure, TaskNotRun } from "../../strategies/Settled.ts"
import type { ErrorMode, Runner, StopOptions, Strategy, StreamDispatch, Task } from "../../strategies/Strategy.ts"
import { makeRunState, type RunState, type Source, sourceOf } from "./source.ts"

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

/** A validated strategy as its runner sees it: the public {@link Strategy} and the engine behind it. */
export interface Plan {
  readonly strategy: Strategy
  readonly engine: Engine
}

/** The public {@link Strategy} of an engine: `dispatch` runs it over an array. */
export const makePlan = (
  name: Strategy["name"],
  limit: Strategy["limit"],
  engine: Engine,
  stream: StreamDispatch,
): Plan => ({
  engine,
  strategy: {
    name,
    limit,
    stream,
    dispatch: <A, B, E, R>(items: ReadonlyArray<A>, task: Task<A, B, E, R>) =>
      Effect.suspend(() => {
        const run = makeRunState<A>(true, items.length)
        // An array never fails to be read: the engine fails only with the task's errors.
        const ran = engine(sourceOf(items), task, run) as Effect.Effect<void, E, R>
        return Effect.as(ran, run.results as Array<B>)
      }),
  },
})

type RunOptions = { readonly mode?: ErrorMode | undefined } & StopOptions<unknown, unknown>

const isIterable = (value: unknown): value is Iterable<unknown> =>
  value != null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"

const refuse = (option: string, value: unknown, reason: string) =>
  Effect.fail(new InvalidOptionError({ option, value, reason }))

/** Fails unless `task` is a function: what every runner checks before reading its input. */
export const checkTask = (task: unknown): Effect.Effect<void, InvalidOptionError> =>
  typeof task === "function" ? Effect.void : refuse("task", task, "expected a function (item, index) => Effect")

/** Checks what no strategy checks for itself: the input, the task, the mode and the stops. */
const validate = (items: unknown, task: unknown, options: RunOptions | undefined) => {
  if (!isIterable(items)) {
    return refuse(
      "items",
      items,
      items != null && Symbol.asyncIterator in Object(items)
        ? "expected an Iterable, and an AsyncIterable is not one (run it with pooledStream)"
        : "expected an Iterable (an array, a Set, a generator...)",
    )
  }
  if (typeof task !== "function") return checkTask(task)
  const mode = options?.mode
  if (mode !== undefined && mode !== "fail-fast" && mode !== "collect") {
    return refuse("mode", mode, `expected "fail-fast" or "collect"`)
  }
  for (const stop of ["haltWhen", "interruptWhen"] as const) {
    const signal = options?.[stop]
    if (signal !== undefined && !Effect.isEffect(signal)) return refuse(stop, signal, "expected an Effect")
  }
  return Effect.void
}

/**
 * Races the run against its stop signals: `haltWhen` only halts it (running
 * items finish), `interruptWhen` also interrupts the items running. A signal
 * that fails fails the run, as with `Stream.haltWhen` and `Stream.interruptWhen`.
 */
const withStops = <E, R>(
  work: Effect.Effect<void, E, R>,
  run: RunState<unknown>,
  options: RunOptions,
): Effect.Effect<void, unknown, unknown> => {
  const halt = Effect.sync(() => {
    run.halted = true
  })
  let raced: Effect.Effect<void, unknown, unknown> = work
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

const runOnce = <A, B, E, R>(
  engine: Engine,
  items: Iterable<A>,
  task: Task<A, B, E, R>,
  options: RunOptions,
): Effect.Effect<Array<B> | Settled<A, B, E>, unknown, unknown> =>
  Effect.suspend(() => {
    const collect = options.mode === "collect"
    const source = sourceOf(items)
    const run = makeRunState<A>(!collect, source.array?.length ?? 0)
    const stoppable = options.haltWhen !== undefined || options.interruptWhen !== undefined
    const failures: Array<TaskFailure<A, E>> = []
    const settle = (item: A, index: number) =>
      Effect.match(task(item, index), {
        onFailure: (error) => {
          failures.push({ index, item, error })
          return Either.left(error)
        },
        onSuccess: Either.right,
      })
    const work = collect ? engine(source, settle, run) : engine(source, task, run)
    const ran = stoppable ? withStops(work, run, options) : work

    return Effect.ensuring(ran, Effect.sync(() => source.close())).pipe(
      Effect.flatMap((): Effect.Effect<Array<B> | Settled<A, B, E>, TaskNotRun> => {
        const notRun = stoppable || source.failure !== undefined ? notRunOf(source, run) : []
        if (!collect) return notRun.length === 0 ? Effect.succeed(run.results as Array<B>) : Effect.fail(notRun[0]!)
        for (const skipped of notRun) run.results[skipped.index] = Either.left(skipped)
        const results = run.results as Array<Either.Either<B, E | TaskNotRun>>
        return Effect.succeed({ results, errors: failures.sort((a, b) => a.index - b.index), notRun })
      }),
    )
  })

/** Builds a {@link Runner} from a function that validates a strategy's options and returns its {@link Plan}. */
export const makeRunner = <O>(planFor: (options: O) => Effect.Effect<Plan, InvalidOptionError>): Runner<O> =>
  dual(
    (args) => typeof args[0] !== "function",
    <A, B, E, R>(items: Iterable<A>, task: Task<A, B, E, R>, options: O & RunOptions) =>
      Effect.zipRight(
        validate(items, task, options),
        Effect.flatMap(planFor(options ?? ({} as O)), ({ engine }) => runOnce(engine, items, task, options ?? {})),
      ),
  )
