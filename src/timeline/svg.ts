/**
 * Draws timelines as standalone SVG pictures: one row per slot, one labelled
 * bar per task, a time axis in ms underneath; several timelines on one scale
 * for a comparison; and the kit's own picture, chunked above pooled.
 *
 * The output is deterministic (no ids, no dates, numbers rounded to two
 * decimals), so pictures can be committed next to the docs and diffed: the
 * same timeline always gives the same bytes.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/timeline/svgRenderers.ts"
import type { ChunkedVsPooled, SvgComparisonOptions, SvgOptions, SvgPanel, Timeline } from "./Timeline.ts"

/**
 * Renders `timeline` as a standalone SVG document: slots top to bottom, time
 * left to right, one bar per task with its label inside. Succeeded, failed
 * and interrupted tasks get different fills; a dotted outline marks a slot
 * idle between two of its tasks; a dashed line marks the makespan. The legend
 * lists only what the picture shows. Throws a `TimelineTooLargeError` for
 * more than `maxRenderedSpans` spans: draw a slice (`sliceTimeline`) instead.
 *
 * @example
 * ```ts
 * import { renderSvg } from "poolwise/timeline"
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
export const renderSvg: (timeline: Timeline, options?: SvgOptions) => string = internal.renderSvg

/**
 * Renders several timelines stacked in one SVG document on one shared time
 * scale, so equal times line up. Throws a `TimelineTooLargeError` for more
 * than `maxRenderedSpans` spans in all.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { chunked, pooled } from "poolwise"
 * import { renderSvgComparison, withTimeline } from "poolwise/timeline"
 *
 * const task = (ms: number) => Effect.sleep(ms)
 * const program = Effect.gen(function*() {
 *   const [, chunks] = yield* withTimeline(task, (t) => chunked([100, 300, 200], t, { chunkSize: 2 }))
 *   const [, pool] = yield* withTimeline(task, (t) => pooled([100, 300, 200], t, { concurrency: 2 }))
 *   return renderSvgComparison([
 *     { title: "chunked", timeline: chunks },
 *     { title: "pooled", timeline: pool }
 *   ], { title: "100, 300, 200 ms with a limit of 2" })
 * })
 * ```
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderSvgComparison: (panels: ReadonlyArray<SvgPanel>, options?: SvgComparisonOptions) => string =
  internal.renderSvgComparison

/**
 * The kit's picture: chunked above pooled on one time scale, each titled with
 * its limit and when it was done; chunked's idle gaps are labelled "idle:
 * waiting for the chunk". The docs' pictures and `demo --svg` are this.
 *
 * @example
 * ```ts
 * import { renderChunkedVsPooled, type Timeline } from "poolwise/timeline"
 *
 * declare const chunked: Timeline, pooled: Timeline
 * const svg = renderChunkedVsPooled({ title: "Seed workload", chunked, chunkSize: 2, pooled, concurrency: 2 })
 * ```
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderChunkedVsPooled: (picture: ChunkedVsPooled) => string = internal.renderChunkedVsPooled
