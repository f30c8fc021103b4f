/**
 * Several timelines in one SVG picture, on one time scale: the picture for
 * "chunked vs pooled".
 *
 * @since 0.1.0
 */
import { drawPicture } from "../internal/timeline/svgPicture.ts"
import type { SvgScaleOptions } from "./svg.ts"
import type { Timeline } from "./Timeline.ts"

/**
 * One timeline of a comparison, with the heading drawn above it.
 *
 * @since 0.1.0
 * @category models
 */
export interface SvgPanel {
  readonly title: string
  readonly timeline: Timeline
  /** What to call a slot's idle time between two of its tasks. Default: the options' `idleLabel`, else "idle". */
  readonly idleLabel?: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SvgComparisonOptions extends SvgScaleOptions {
  /** Drawn above all panels. */
  readonly title?: string | undefined
  /** What to call a slot's idle time between two of its tasks, in panels that do not say. Default "idle". */
  readonly idleLabel?: string | undefined
}

/**
 * Renders several timelines stacked in one SVG document on one shared time
 * scale, so equal times line up: the picture for "chunked vs pooled". Throws a
 * {@link TimelineTooLargeError} for more than {@link maxRenderedSpans} spans in all.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { chunked, pooled, renderSvgComparison, withTimeline } from "poolwise"
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
export const renderSvgComparison = (panels: ReadonlyArray<SvgPanel>, options: SvgComparisonOptions = {}): string =>
  drawPicture(
    "renderSvgComparison",
    options.title,
    panels.map(({ title, timeline, idleLabel }) => ({
      heading: title,
      timeline,
      idleLabel: idleLabel ?? options.idleLabel,
    })),
    options,
  )

/**
 * @since 0.1.0
 * @category models
 */
export interface ChunkedVsPooled {
  /** Drawn above both panels, e.g. the workload. */
  readonly title: string
  readonly chunked: Timeline
  readonly chunkSize: number
  readonly pooled: Timeline
  readonly concurrency: number
}

/**
 * The kit's picture: chunked above pooled on one time scale, each titled with
 * its limit and when it was done; chunked's idle gaps are labelled "idle:
 * waiting for the chunk". The docs' pictures and `demo --svg` are this.
 *
 * @example
 * ```ts
 * import { renderChunkedVsPooled, type Timeline } from "poolwise"
 *
 * declare const chunked: Timeline, pooled: Timeline
 * const svg = renderChunkedVsPooled({ title: "Seed workload", chunked, chunkSize: 2, pooled, concurrency: 2 })
 * ```
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderChunkedVsPooled = (picture: ChunkedVsPooled): string =>
  renderSvgComparison([
    {
      title: `chunked, chunkSize ${picture.chunkSize} (Promise.all per chunk): done at ${picture.chunked.makespan} ms`,
      timeline: picture.chunked,
      idleLabel: "idle: waiting for the chunk",
    },
    {
      title:
        `pooled, concurrency ${picture.concurrency} (a freed slot takes the next task): done at ${picture.pooled.makespan} ms`,
      timeline: picture.pooled,
    },
  ], { title: picture.title })
