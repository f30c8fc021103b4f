/**
 * A recorded schedule: for each task, when it started and ended (ms since the
 * run began) and which slot ran it.
 *
 * @since 0.1.0
 */

/**
 * How a task's span ended.
 *
 * @since 0.1.0
 * @category models
 */
export type Outcome = "succeeded" | "failed" | "interrupted"

/**
 * One task's bar on the chart.
 *
 * @since 0.1.0
 * @category models
 */
export interface Span {
  /** The item's index in the input. */
  readonly index: number
  readonly label: string
  /** 1-based: the lowest slot free when the task started. */
  readonly slot: number
  readonly start: number
  readonly end: number
  readonly outcome: Outcome
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Timeline {
  /** Finished spans, ordered by start time, then slot. */
  readonly spans: ReadonlyArray<Span>
  /** When the last span ended. */
  readonly makespan: number
  /** The most tasks that were ever in flight at once. */
  readonly peakInFlight: number
}

/**
 * Start times by input index, for assertions such as "task 3 started at 100".
 *
 * @example
 * ```ts
 * import { startsByIndex, type Timeline } from "poolwise"
 *
 * const timeline: Timeline = {
 *   spans: [{ index: 0, label: "1", slot: 1, start: 0, end: 100, outcome: "succeeded" }],
 *   makespan: 100,
 *   peakInFlight: 1
 * }
 * startsByIndex(timeline) // [0]
 * ```
 *
 * @since 0.1.0
 * @category getters
 */
export const startsByIndex = (timeline: Timeline): Array<number | undefined> => {
  const starts: Array<number | undefined> = []
  for (const span of timeline.spans) starts[span.index] = span.start
  return starts
}
