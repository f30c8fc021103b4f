/**
 * The one face every runner shares, and its one options shape.
 *
 * `pooled`, `chunked` and `unbounded` differ only in *when* each item starts.
 * Everything else is the same for all three, and for a strategy held as a
 * value (`strategy.run`): the input (an array, any iterable, an async
 * iterable, a `Stream`), input order unless asked otherwise, validation before
 * anything runs, the two error modes, the stops, and the dual signature
 * (`pooled(items, task, options)` or `pipe(items, pooled(task, options))`).
 *
 * @since 0.1.0
 */
import type { Effect, Either, Stream } from "effect"
import type { AdaptiveLimit, LiveLimit, RateOptions } from "../limits/Limit.ts"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"
import type { Settled, TaskFailure, TaskNotRun } from "./Settled.ts"

/**
 * A task: one item (and its 0-based input index) in, one effect out.
 *
 * @since 0.1.0
 * @category models
 */
export type Task<A, B, E, R> = (item: A, index: number) => Effect.Effect<B, E, R>

/**
 * `"fail-fast"` (the default): the first failure interrupts the running tasks
 * and the rest never start. `"collect"`: every item runs, and the run returns
 * a {@link Settled} (over a `Stream`: emits each outcome as an `Either`).
 *
 * @since 0.1.0
 * @category models
 */
export type ErrorMode = "fail-fast" | "collect"

/**
 * What a runner reads: an array, any iterable (read lazily, one item as a
 * slot frees up), an async iterable (a paginated API, lines of a file), or a
 * `Stream` (the output is then a `Stream` too).
 *
 * @since 0.1.0
 * @category models
 */
export type Input<A> = Iterable<A> | AsyncIterable<A> | Stream.Stream<A, unknown, unknown>

/**
 * The item type of an {@link Input}.
 *
 * @since 0.1.0
 * @category models
 */
export type ItemOf<I> = I extends Stream.Stream<infer A, infer _E, infer _R> ? A
  : I extends Iterable<infer A> ? A
  : I extends AsyncIterable<infer A> ? A
  : never

/**
 * The options every runner and strategy shares (a strategy adds its limit).
 *
 * - `mode`: see {@link ErrorMode}.
 * - `ordered`: over a `Stream`, results come out in input order (`true`, the
 *   default) or each as soon as its task ends (`false`). An array result is
 *   always in input order: `results[i]` is `items[i]`'s.
 * - `haltWhen`, `interruptWhen` (named after `Stream.haltWhen` and
 *   `Stream.interruptWhen`): a graceful stop. When the effect completes, no
 *   new item starts; with `haltWhen` the running items finish, with
 *   `interruptWhen` they are interrupted (both may be given: a halt, then an
 *   interrupt if the running items take too long). An array result cannot
 *   leave a hole, so in fail-fast mode a stopped run fails with the first
 *   {@link TaskNotRun}; collect mode lists every item that did not run in
 *   `notRun`; a `Stream` simply ends. A signal that fails fails the run.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunOptions<
  M extends ErrorMode = ErrorMode,
  H extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
  X extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
> {
  readonly mode?: M | undefined
  readonly ordered?: boolean | undefined
  readonly haltWhen?: H
  readonly interruptWhen?: X
}

type Signals<H, X> = Exclude<H | X, undefined>
// Naked parameters, so that no signal (never) adds nothing.
type ErrorOf<S> = S extends Effect.Effect<infer _A, infer E, infer _R> ? E : never
type ContextOf<S> = S extends Effect.Effect<infer _A, infer _E, infer R> ? R : never
type SignalError<H, X> = ErrorOf<Signals<H, X>>
type SignalContext<H, X> = ContextOf<Signals<H, X>>

/** Whether a fail-fast run over `I` can fail with `TaskNotRun`: a stop, or an input that can throw. */
type NotRunOf<I, H, X> = [Signals<H, X>] extends [never] ? I extends ReadonlyArray<unknown> ? never : TaskNotRun
  : TaskNotRun

/**
 * What a run returns, by input and mode:
 *
 * | input | fail-fast | collect |
 * | --- | --- | --- |
 * | array, iterable, async iterable | `Effect<Array<B>>` | `Effect<Settled<A, B, E>>` |
 * | `Stream<A, E1, R1>` | `Stream<B>` | `Stream<Either<B, TaskFailure<A, E>>>` |
 *
 * Every run may fail with {@link InvalidOptionError} (a bad limit, input, task
 * or option, before anything runs). Fail-fast adds the task's `E`, and
 * {@link TaskNotRun} when an item may not run (a stop, or an input that may
 * throw; an array run without a stop cannot). Stop signals add their own
 * error and requirements.
 *
 * @since 0.1.0
 * @category models
 */
export type RunResult<I, B, E, R, M extends ErrorMode, H, X> = I extends Stream.Stream<infer A, infer E1, infer R1>
  ? Stream.Stream<
    M extends "collect" ? Either.Either<B, TaskFailure<A, E>> : B,
    (M extends "collect" ? never : E) | E1 | InvalidOptionError | SignalError<H, X>,
    R | R1 | SignalContext<H, X>
  >
  : Effect.Effect<
    M extends "collect" ? Settled<ItemOf<I>, B, E> : Array<B>,
    (M extends "collect" ? never : E | NotRunOf<I, H, X>) | InvalidOptionError | SignalError<H, X>,
    R | SignalContext<H, X>
  >

/**
 * @since 0.1.0
 * @category models
 */
export interface PooledOptions {
  /**
   * How many tasks may run at once: a whole number ≥ 1, a {@link LiveLimit}
   * (changed while the run goes on) or an {@link AdaptiveLimit} (moved by
   * what the tasks measure).
   */
  readonly concurrency: number | LiveLimit | AdaptiveLimit
  /**
   * At most this many starts per interval, on top of `concurrency`:
   * `"50/s"`, `"600/min"`, `"5/10s"`, or `{ limit, interval, burst? }`. A task
   * takes its slot first, then waits for its start time; starts are spaced
   * evenly (`interval / limit` apart) unless `burst` allows more at once.
   *
   * @since 0.3.0
   */
  readonly rate?: string | RateOptions | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ChunkedOptions {
  /** How many items make one chunk: a whole number ≥ 1. */
  readonly chunkSize: number
  /**
   * At most this many starts per interval, as {@link PooledOptions.rate}: each
   * item of a chunk waits for its start time, and a chunk still starts only
   * when the previous one has ended.
   *
   * @since 0.3.0
   */
  readonly rate?: string | RateOptions | undefined
}

/**
 * Unbounded takes no limit, and so no rate (it has no limit for a rate to sit
 * on); its options are only the ones every run shares.
 *
 * @since 0.1.0
 * @category models
 */
export type UnboundedOptions = Record<never, never>

/**
 * The signature every runner shares: data-first `(items, task, options)` or
 * data-last `(task, options)(items)`, where the options are the strategy's
 * own (`O`: its limit) plus {@link RunOptions}. The result's type follows the
 * input and the mode ({@link RunResult}).
 *
 * @since 0.1.0
 * @category models
 */
export interface Runner<O> {
  <
    I extends Input<unknown>,
    B,
    E,
    R,
    M extends ErrorMode = "fail-fast",
    H extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
    X extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
  >(
    items: I,
    task: Task<ItemOf<I>, B, E, R>,
    options: O & RunOptions<M, H, X>,
  ): RunResult<I, B, E, R, M, H, X>
  <
    A,
    B,
    E,
    R,
    M extends ErrorMode = "fail-fast",
    H extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
    X extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
  >(
    task: Task<A, B, E, R>,
    options: O & RunOptions<M, H, X>,
  ): <I extends Input<A>>(items: I) => RunResult<I, B, E, R, M, H, X>
}
