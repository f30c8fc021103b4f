/**
 * What a strategy is, and the signature every runner shares.
 *
 * A strategy only decides *when* each item starts (its {@link Dispatch}). Input
 * order, validation, lazy reading of the input, the two error modes, the stops
 * and the dual (data-first and data-last) signature are the same for every
 * strategy: the runners are built by one constructor (`src/internal/strategies/runner.ts`).
 *
 * @since 0.1.0
 */
import type { Effect, Stream } from "effect"
import type { InvalidOptionError } from "./InvalidOptionError.ts"
import type { Settled, TaskNotRun } from "./Settled.ts"

/**
 * A task: one item (and its input index) in, one effect out.
 *
 * @since 0.1.0
 * @category models
 */
export type Task<A, B, E, R> = (item: A, index: number) => Effect.Effect<B, E, R>

/**
 * How a strategy starts tasks. It must return results in input order.
 *
 * @since 0.1.0
 * @category models
 */
export type Dispatch = <A, B, E, R>(
  items: ReadonlyArray<A>,
  task: Task<A, B, E, R>,
) => Effect.Effect<Array<B>, E, R>

/**
 * The same schedule over a stream, for inputs too large to hold in memory (the
 * sync job reads product ids page by page). Output order is not kept: a result
 * is emitted as soon as its task ends, so no slot waits on a slower neighbour.
 * The task gets each item's index in the stream (from 0) as its second argument.
 *
 * @since 0.1.0
 * @category models
 */
export type StreamDispatch = <A, B, E, R>(
  task: (item: A, index: number) => Effect.Effect<B, E, R>,
) => <E2, R2>(items: Stream.Stream<A, E2, R2>) => Stream.Stream<B, E | E2, R | R2>

/**
 * A validated strategy: its name and limit, and how it starts tasks over an
 * array and over a stream.
 *
 * @since 0.1.0
 * @category models
 */
export interface Strategy {
  readonly name: "pooled" | "chunked" | "unbounded"
  /** `concurrency` for pooled, `chunkSize` for chunked, `"unbounded"` for unbounded. */
  readonly limit: number | "unbounded"
  readonly dispatch: Dispatch
  readonly stream: StreamDispatch
}

/**
 * `"fail-fast"` (the default): the first failure interrupts the running tasks
 * and the rest never start. `"collect"`: every item runs, and the run returns a
 * {@link Settled}.
 *
 * @since 0.1.0
 * @category models
 */
export type ErrorMode = "fail-fast" | "collect"

/**
 * Options that leave the error mode open: `mode` may be either, e.g. held in
 * an {@link ErrorMode} variable. The result is then either shape.
 *
 * @since 0.2.0
 */
export interface EitherMode {
  readonly mode?: ErrorMode | undefined
}

/** @since 0.1.0 */
export interface FailFast {
  readonly mode?: "fail-fast" | undefined
}

/** @since 0.1.0 */
export interface Collect {
  readonly mode: "collect"
}

/**
 * A graceful stop, named after `Stream.haltWhen` and `Stream.interruptWhen`.
 * When the effect completes, no new item starts. With `haltWhen` the items
 * running finish; with `interruptWhen` they are interrupted (both may be
 * given: a halt, then an interrupt if the running items take too long).
 *
 * Collect mode then returns a {@link Settled} whose `notRun` lists each item
 * that did not run to its end; fail-fast mode fails with the first of them
 * ({@link TaskNotRun}). A signal that fails fails the run with its error.
 *
 * @since 0.2.0
 * @category models
 */
export interface StopOptions<E2, R2> {
  readonly haltWhen?: Effect.Effect<unknown, E2, R2> | undefined
  readonly interruptWhen?: Effect.Effect<unknown, E2, R2> | undefined
}

/** No stop: what lets an array in fail-fast mode drop {@link TaskNotRun} from its errors. @since 0.2.0 */
export interface NoStop {
  readonly haltWhen?: undefined
  readonly interruptWhen?: undefined
}

/**
 * The signature every strategy shares: data-first `(items, task, options)` or
 * data-last `(task, options)(items)`, fail-fast or collect, with or without a
 * stop. Every run may fail with {@link InvalidOptionError} (a bad limit, input,
 * task or option). In fail-fast mode it may also fail with {@link TaskNotRun}
 * when an item cannot run: the input threw, or the run was stopped; an array
 * run without a stop cannot, and its type says so. Stop signals add their own
 * `E2` and `R2`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Runner<O> {
  <A, B, E, R, E2 = never, R2 = never>(
    task: Task<A, B, E, R>,
    options: O & Collect & StopOptions<E2, R2>,
  ): (items: Iterable<A>) => Effect.Effect<Settled<A, B, E>, InvalidOptionError | E2, R | R2>
  <A, B, E, R, E2 = never, R2 = never>(
    task: Task<A, B, E, R>,
    options: O & FailFast & StopOptions<E2, R2>,
  ): (items: Iterable<A>) => Effect.Effect<Array<B>, E | InvalidOptionError | TaskNotRun | E2, R | R2>
  <A, B, E, R, E2 = never, R2 = never>(
    items: Iterable<A>,
    task: Task<A, B, E, R>,
    options: O & Collect & StopOptions<E2, R2>,
  ): Effect.Effect<Settled<A, B, E>, InvalidOptionError | E2, R | R2>
  <A, B, E, R>(
    items: ReadonlyArray<A>,
    task: Task<A, B, E, R>,
    options: O & FailFast & NoStop,
  ): Effect.Effect<Array<B>, E | InvalidOptionError, R>
  <A, B, E, R, E2 = never, R2 = never>(
    items: Iterable<A>,
    task: Task<A, B, E, R>,
    options: O & FailFast & StopOptions<E2, R2>,
  ): Effect.Effect<Array<B>, E | InvalidOptionError | TaskNotRun | E2, R | R2>
  <A, B, E, R, E2 = never, R2 = never>(
    task: Task<A, B, E, R>,
    options: O & EitherMode & StopOptions<E2, R2>,
  ): (
    items: Iterable<A>,
  ) => Effect.Effect<Array<B> | Settled<A, B, E>, E | InvalidOptionError | TaskNotRun | E2, R | R2>
  <A, B, E, R, E2 = never, R2 = never>(
    items: Iterable<A>,
    task: Task<A, B, E, R>,
    options: O & EitherMode & StopOptions<E2, R2>,
  ): Effect.Effect<Array<B> | Settled<A, B, E>, E | InvalidOptionError | TaskNotRun | E2, R | R2>
}
