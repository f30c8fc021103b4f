/**
 * Reading a timeline: start times by input index, and slices of a timeline
 * too large to draw in one chart (the renderers' one limit).
 *
 * @since 0.1.0
 */
import * as defaults from "../internal/defaults.ts"
import * as errors from "../internal/timeline/errors.ts"
import * as measure from "../internal/timeline/measure.ts"
import type { Timeline } from "./Timeline.ts"

/**
 * Start times by input index, for assertions such as "task 3 started at 100".
 *
 * @example
 * ```ts
 * import { startsByIndex, type Timeline } from "poolwise/timeline"
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
export const startsByIndex: (timeline: Timeline) => Array<number | undefined> = measure.startsByIndex

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
export const TimelineTooLargeError: typeof errors.TimelineTooLargeError = errors.TimelineTooLargeError

/**
 * @since 0.1.0
 * @category errors
 */
export type TimelineTooLargeError = errors.TimelineTooLargeError

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
 * import { sliceTimeline, type Timeline } from "poolwise/timeline"
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
export const sliceTimeline: (timeline: Timeline, start: number, end?: number) => Timeline = measure.sliceTimeline
