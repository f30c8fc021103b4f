/**
 * `poolwise/timeline`: see a schedule. A recorder that logs when each task
 * started and ended and on which slot (from Effect's `Clock`, so exact under
 * `TestClock`), and the renderers that draw it: a text Gantt chart and SVG.
 *
 * @since 0.1.0
 */
export type {
  ChunkedVsPooled,
  GanttOptions,
  Outcome,
  Recorder,
  Span,
  SvgComparisonOptions,
  SvgOptions,
  SvgPanel,
  SvgScaleOptions,
  SvgWords,
  Timeline,
} from "./Timeline.ts"
export { makeRecorder, withTimeline } from "./recorder.ts"
export { maxRenderedSpans, sliceTimeline, startsByIndex, TimelineTooLargeError } from "./slices.ts"
export { renderGantt } from "./gantt.ts"
export { renderChunkedVsPooled, renderSvg, renderSvgComparison } from "./svg.ts"
