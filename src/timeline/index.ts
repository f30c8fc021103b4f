/**
 * `poolwise/timeline`: see a schedule. A recorder that logs when each task
 * started and ended and on which slot (from Effect's `Clock`, so exact under
 * `TestClock`), and the renderers that draw it: a text Gantt chart and SVG.
 *
 * @since 0.1.0
 */
export * from "./Timeline.ts"
export * from "./Recorder.ts"
export * from "./gantt.ts"
export * from "./svg.ts"
