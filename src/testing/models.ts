/**
 * The models of `poolwise/testing`: the probe that records a program's tasks,
 * and the options of a run in virtual time.
 *
 * @since 0.1.0
 */
import type { Duration, Effect } from "effect"
import type { Task } from "../strategies/Runner.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface VirtualTimeOptions {
  /**
   * How far the virtual clock may go. An effect still running past it dies
   * with `VirtualTimeExceeded` instead of being driven forever.
   * Default: 1 day.
   */
  readonly horizon?: Duration.DurationInput | undefined
}

/**
 * Wraps the parts of a program whose schedule you want to see. Each run of a
 * wrapped effect becomes one span of the timeline.
 *
 * @since 0.1.0
 * @category models
 */
export interface Probe {
  /**
   * A task for a runner (`pooled`, `Effect.forEach`, …), recorded under the
   * index the runner passes it: span `index` is the item's 0-based position in
   * the input. The default label is that position 1-based ("1", "2", …).
   */
  readonly task: <A, B, E, R>(
    task: Task<A, B, E, R>,
    label?: (item: A, index: number) => string,
  ) => Task<A, B, E, R>
  /**
   * Any function that returns an effect (a service method, a client call).
   * Its calls are numbered in the order they start running: span `index` is
   * 0-based, the default label 1-based. Give a `label` to find them by name.
   * Use one kind of wrapper per timeline, or the two numberings mix.
   */
  readonly calls: <Args extends ReadonlyArray<unknown>, A, E, R>(
    f: (...args: Args) => Effect.Effect<A, E, R>,
    label?: (...args: Args) => string,
  ) => (...args: Args) => Effect.Effect<A, E, R>
}
