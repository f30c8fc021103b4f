/**
 * A recorded schedule: for each task, when it started and ended (ms since the
 * run began) and which slot ran it.
 *
 * @since 0.1.0
 */
import { Data } from "effect"
import * as defaults from "../internal/defaults.ts"
import { highestSlot, latestEnd } from "../internal/timeline/measure.ts"

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

/**
 * The most spans one chart draws: `renderGantt`, `renderSvg` and
 * `renderSvgComparison` refuse more with a {@link TimelineTooLargeError}. Past
 * this a bar is narrower than a pixel or a character; draw a slice instead
 * ({@link sliceTimeline}).
 *
 * @since 0.1.0
 * @category rendering
 */
export const maxRenderedSpans: number = defaults.maxRenderedSpans

/**
 * A renderer was given more spans than one chart can show.
 *
 * @since 0.1.0
 * @category errors
 */
export class TimelineTooLargeError extends Data.TaggedError("TimelineTooLargeError")<{
  readonly renderer: "renderGantt" | "renderSvg" | "renderSvgComparison"
  readonly spans: number
  readonly limit: number
}> {
  override get message(): string {
    const count = (n: number) => n.toLocaleString("en-US")
    return `${this.renderer} cannot draw ${count(this.spans)} spans: one chart shows at most ${count(this.limit)}. ` +
      `Draw a slice instead: sliceTimeline(timeline, 0, ${this.limit}) keeps the first ${count(this.limit)} to start.`
  }
}

/**
 * The spans from position `start` up to (not including) `end`, in the
 * timeline's order (by start time, then slot), as a timeline of their own: the
 * way to draw part of a run too large for one chart. Its `makespan` is when
 * the last of these spans ended; its `peakInFlight` is the highest slot among
 * them (slots are handed out lowest free first, so slot k means k tasks were
 * in flight, counting tasks outside the slice).
 *
 * @example
 * ```ts
 * import { sliceTimeline, type Timeline } from "poolwise"
 *
 * const timeline: Timeline = {
 *   spans: [
 *     { index: 0, label: "1", slot: 1, start: 0, end: 100, outcome: "succeeded" },
 *     { index: 1, label: "2", slot: 1, start: 100, end: 300, outcome: "succeeded" }
 *   ],
 *   makespan: 300,
 *   peakInFlight: 1
 * }
 * sliceTimeline(timeline, 0, 1).makespan // 100
 * ```
 *
 * @since 0.1.0
 * @category getters
 */
export const sliceTimeline = (timeline: Timeline, start: number, end?: number): Timeline => {
  const spans = timeline.spans.slice(start, end)
  return { spans, makespan: latestEnd(spans), peakInFlight: highestSlot(spans) }
}
