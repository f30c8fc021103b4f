/**
 * Draws a {@link Timeline} as a standalone SVG picture: one row per slot, one
 * labelled bar per task, a time axis in ms underneath.
 *
 * The output is deterministic (no ids, no dates, numbers rounded to two
 * decimals), so pictures can be committed next to the docs and diffed: the
 * same timeline always gives the same bytes.
 *
 * The parts: `internal/svgElement.ts` (the element tree and its serializer),
 * `internal/svgLayout.ts` (sizes, colours, the time scale),
 * `internal/svgPicture.ts` (bars, idle gaps, panels, legend) and
 * `svgComparison.ts` (several timelines in one picture).
 *
 * @since 0.1.0
 */
import { drawPicture } from "../internal/timeline/svgPicture.ts"
import type { Timeline } from "./Timeline.ts"

export * from "./svgComparison.ts"

/**
 * How the time axis maps to pixels. Give `msPerPixel` for a fixed scale, or
 * `width` to fit the chart into that many pixels.
 *
 * @since 0.1.0
 * @category models
 */
export interface SvgScaleOptions {
  /** Milliseconds per pixel. Overrides `width`. */
  readonly msPerPixel?: number | undefined
  /** Width of the plot area (the part right of the slot labels), in pixels. Default 800. */
  readonly width?: number | undefined
  /** Draw the axis at least up to this time (ms). Default: the makespan, rounded up to a tick. */
  readonly until?: number | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SvgOptions extends SvgScaleOptions {
  /** Drawn above the chart. */
  readonly title?: string | undefined
  /** What to call a slot's idle time between two of its tasks (legend and tooltip). Default "idle". */
  readonly idleLabel?: string | undefined
}

/**
 * Renders `timeline` as a standalone SVG document: slots top to bottom, time
 * left to right, one bar per task with its label inside. Succeeded, failed
 * and interrupted tasks get different fills; a dotted outline marks a slot
 * idle between two of its tasks; a dashed line marks the makespan. The legend
 * lists only what the picture shows. Throws a {@link TimelineTooLargeError}
 * for more than {@link maxRenderedSpans} spans: draw a slice
 * ({@link sliceTimeline}) instead.
 *
 * @example
 * ```ts
 * import { renderSvg } from "poolwise"
 *
 * const svg = renderSvg({
 *   spans: [
 *     { index: 0, label: "1", slot: 1, start: 0, end: 100, outcome: "succeeded" },
 *     { index: 1, label: "2", slot: 2, start: 0, end: 300, outcome: "failed" }
 *   ],
 *   makespan: 300,
 *   peakInFlight: 2
 * }, { title: "pooled, concurrency 2", msPerPixel: 0.5 })
 * // <svg xmlns="http://www.w3.org/2000/svg" ...> with two bars, 200 and 600 px wide
 * ```
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderSvg = (timeline: Timeline, options: SvgOptions = {}): string =>
  drawPicture("renderSvg", options.title, [{ heading: undefined, timeline, idleLabel: options.idleLabel }], options)
