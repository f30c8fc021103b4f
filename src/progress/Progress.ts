/**
 * The models of a run's progress: started, finished, failed and in-flight
 * counts plus a percentage, and the tracker that keeps them.
 *
 * @since 0.1.0
 */
import type { Effect, Stream } from "effect"
import type { Task } from "../strategies/Runner.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface ProgressSnapshot {
  readonly total: number
  readonly started: number
  readonly succeeded: number
  readonly failed: number
  readonly inFlight: number
  /** succeeded + failed */
  readonly finished: number
  /** finished / total × 100, rounded down; 100 when total is 0. */
  readonly percent: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  /** The same task, counted as it starts and ends. */
  readonly track: <A, B, E, R>(task: Task<A, B, E, R>) => Task<A, B, E, R>
  /** Counts one item as started, for work that is not one task (e.g. an item fetched now and written later in a batch). */
  readonly begin: Effect.Effect<void>
  /** Counts one started item as finished: succeeded (`true`) or failed. */
  readonly end: (succeeded: boolean) => Effect.Effect<void>
  readonly snapshot: Effect.Effect<ProgressSnapshot>
  /** The current snapshot, then every change. */
  readonly changes: Stream.Stream<ProgressSnapshot>
}
