/**
 * The three SVG renderers, each one call of {@link drawPicture}: one
 * timeline, several on one scale, and the kit's own chunked-vs-pooled picture.
 *
 * @internal
 */
import type { ChunkedVsPooled, SvgComparisonOptions, SvgOptions, SvgPanel, Timeline } from "../../timeline/Timeline.ts"
import { orThrow, positiveInteger } from "../options/rules.ts"
import { drawPicture } from "./svgPicture.ts"

export const renderSvg = (timeline: Timeline, options: SvgOptions = {}): string =>
  drawPicture("renderSvg", options.title, [{ heading: undefined, timeline, idleLabel: options.idleLabel }], options)

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

export const renderChunkedVsPooled = (picture: ChunkedVsPooled): string => {
  orThrow(positiveInteger, "chunkSize", picture.chunkSize)
  orThrow(positiveInteger, "concurrency", picture.concurrency)
  return renderSvgComparison([
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
}
