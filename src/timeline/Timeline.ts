/**
 * The models of a recorded schedule, of the recorder that makes it and of its
 * pictures: for each task, when it started and ended (ms since the run began)
 * and which slot ran it, and the options of the renderers that draw it.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import type { Task } from "../strategies/Runner.ts"

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
 * Wraps tasks so that a run records its own schedule.
 *
 * @since 0.1.0
 * @category models
 */
export interface Recorder {
  /** The same task, recording a {@link Span} each time it runs, labelled by `label` (default: the 1-based index). */
  readonly record: <A, B, E, R>(task: Task<A, B, E, R>, label?: (item: A, index: number) => string) => Task<A, B, E, R>
  /** How many recorded tasks are running right now. */
  readonly inFlight: Effect.Effect<number>
  /** The schedule so far. */
  readonly timeline: Effect.Effect<Timeline>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface GanttOptions {
  /** Milliseconds per character. Default: the smallest 1-2-5 step that fits `width`. */
  readonly msPerCell?: number | undefined
  /** Widest chart, in characters, when `msPerCell` is not given. Default 60. */
  readonly width?: number | undefined
}

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
 * The words an SVG picture draws besides the titles and labels you give it,
 * for a picture in another language. Each one left out is the English shown.
 *
 * @since 0.1.0
 * @category models
 */
export interface SvgWords {
  /** The makespan marker. Default `done at ${ms} ms`. */
  readonly doneAt?: ((ms: string) => string) | undefined
  /** A slot's row. Default `slot ${slot}`. */
  readonly slot?: ((slot: number) => string) | undefined
  /** Idle time: the default idle label, and the short one for a gap too narrow for the label. Default "idle". */
  readonly idle?: string | undefined
  /** The time axis' unit. Default "ms". */
  readonly ms?: string | undefined
  /** The legend's outcomes. Default their names ("succeeded", "failed", "interrupted"). */
  readonly outcomes?: Partial<Readonly<Record<Outcome, string>>> | undefined
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
  /** The picture's other words, e.g. in another language. Default English. */
  readonly words?: SvgWords | undefined
}

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
  /** The picture's other words, e.g. in another language. Default English. */
  readonly words?: SvgWords | undefined
}

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
