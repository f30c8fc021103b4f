/**
 * Draws a {@link Timeline} as a text Gantt chart: one row per slot, one bar per
 * task, time running left to right.
 *
 * ```text
 * slot 1 [1=================][3=======================================]
 * slot 2 [2===========================================================]
 *        0                   100                 200                 300 ms
 * ```
 *
 * @since 0.1.0
 */
import * as internal from "../internal/timeline/gantt.ts"
import type { GanttOptions, Timeline } from "./Timeline.ts"

/**
 * Renders `timeline` as text: one row per slot, then a time axis.
 * Successful bars are `[label===]`, failed ones `[label xxx]`, interrupted ones `[label~~~]`.
 * Throws a `TimelineTooLargeError` for more than `maxRenderedSpans` spans:
 * draw a slice (`sliceTimeline`) instead.
 *
 * @example
 * ```ts
 * import { renderGantt } from "poolwise/timeline"
 *
 * const chart = renderGantt({
 *   spans: [{ index: 0, label: "1", slot: 1, start: 0, end: 100, outcome: "succeeded" }],
 *   makespan: 100,
 *   peakInFlight: 1
 * }, { msPerCell: 10 })
 * // slot 1 [1========]
 * //        0         100 ms
 * ```
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderGantt: (timeline: Timeline, options?: GanttOptions) => string = internal.renderGantt
