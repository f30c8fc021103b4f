/**
 * Draws a {@link Timeline} as a standalone SVG picture: one row per slot, one
 * labelled bar per task, a time axis in ms underneath.
 *
 * The output is deterministic (no ids, no dates, numbers rounded to two
 * decimals), so pictures can be committed next to the docs and diffed: the
 * same timeline always gives the same bytes.
 *
 * @since 0.1.0
 */
import { niceStep } from "./gantt.ts"
import type { Outcome, Span, Timeline } from "./Timeline.ts"

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
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SvgComparisonOptions extends SvgScaleOptions {
  /** Drawn above all panels. */
  readonly title?: string | undefined
}

/** Fill, outline and text colour for each outcome. */
const STYLE: Record<Outcome, { readonly fill: string; readonly stroke: string; readonly text: string }> = {
  succeeded: { fill: "#4f83c2", stroke: "#2c5a8f", text: "#ffffff" },
  failed: { fill: "#d0504a", stroke: "#9b2f2a", text: "#ffffff" },
  interrupted: { fill: "#e4e4e4", stroke: "#7a7a7a", text: "#333333" },
}

const OUTCOMES: ReadonlyArray<Outcome> = ["succeeded", "failed", "interrupted"]

const FONT = "system-ui, 'Segoe UI', Helvetica, Arial, sans-serif"
const MARGIN = 16
const GUTTER = 56
const ROW = 28
const BAR = 20
const LABEL_SIZE = 11
const CHAR_WIDTH = LABEL_SIZE * 0.62
const TITLE_HEIGHT = 28
const HEADING_HEIGHT = 22
const MARKER_HEIGHT = 14
const AXIS_HEIGHT = 30
const PANEL_GAP = 12
const LEGEND_HEIGHT = 22

/** Fixed formatting: at most two decimals, no exponent, never `-0`. */
const num = (n: number): string => {
  const rounded = Math.round(n * 100) / 100
  return Object.is(rounded, -0) ? "0" : String(rounded)
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** An SVG element: attributes in the order written, then text or children. */
interface Element {
  readonly name: string
  readonly attributes: Readonly<Record<string, string | number | undefined>>
  readonly content: string | ReadonlyArray<Element>
}

const el = (
  name: string,
  attributes: Element["attributes"],
  content: Element["content"] = [],
): Element => ({ name, attributes, content })

/**
 * One element per line, children indented by two spaces, `<empty />` tags:
 * the layout `deno fmt` gives SVG, so formatting a committed picture does not
 * change it.
 */
const serialize = (element: Element, depth = 0): Array<string> => {
  const indent = "  ".repeat(depth)
  const attributes = Object.entries(element.attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value)}"`)
    .join("")
  const open = `${indent}<${element.name}${attributes}`
  if (typeof element.content === "string") return [`${open}>${escapeXml(element.content)}</${element.name}>`]
  if (element.content.length === 0) return [`${open} />`]
  return [`${open}>`, ...element.content.flatMap((child) => serialize(child, depth + 1)), `${indent}</${element.name}>`]
}

interface Scale {
  readonly pxPerMs: number
  readonly tick: number
  readonly axisEnd: number
  readonly plotWidth: number
}

const scaleFor = (makespans: ReadonlyArray<number>, options: SvgScaleOptions): Scale => {
  const longest = Math.max(1, options.until ?? 0, ...makespans)
  const tick = niceStep(longest / 8)
  const axisEnd = Math.ceil(longest / tick) * tick
  const pxPerMs = options.msPerPixel !== undefined ? 1 / options.msPerPixel : (options.width ?? 800) / axisEnd
  return { pxPerMs, tick, axisEnd, plotWidth: axisEnd * pxPerMs }
}

const slotCount = (timeline: Timeline): number => Math.max(0, ...timeline.spans.map((span) => span.slot))

/** The label as it fits inside a bar `width` pixels wide ("…" when cut, "" when nothing fits). */
const fitLabel = (label: string, width: number): string => {
  const room = Math.floor((width - 4) / CHAR_WIDTH)
  if (label.length <= room) return label
  return room >= 2 ? `${label.slice(0, room - 1)}…` : ""
}

const LEFT = MARGIN + GUTTER

const bar = (span: Span, scale: Scale, top: number): Element => {
  const x = LEFT + span.start * scale.pxPerMs
  const width = (span.end - span.start) * scale.pxPerMs
  const y = top + (span.slot - 1) * ROW + (ROW - BAR) / 2
  const style = STYLE[span.outcome]
  const label = fitLabel(span.label, width)
  return el("g", { class: `span ${span.outcome}` }, [
    el("title", {}, `${span.label}: ${span.start}–${span.end} ms, ${span.outcome}`),
    el("rect", {
      x,
      y,
      width,
      height: BAR,
      rx: 3,
      fill: style.fill,
      stroke: style.stroke,
      "stroke-dasharray": span.outcome === "interrupted" ? "4 2" : undefined,
    }),
    ...(label === "" ? [] : [
      el(
        "text",
        { x: x + width / 2, y: y + BAR / 2 + LABEL_SIZE * 0.35, "text-anchor": "middle", fill: style.text },
        label,
      ),
    ]),
  ])
}

/** One chart: optional heading, makespan marker, slot rows, bars and axis. */
const panel = (
  timeline: Timeline,
  heading: string | undefined,
  scale: Scale,
  top: number,
): { readonly elements: Array<Element>; readonly height: number } => {
  const elements: Array<Element> = []
  const right = LEFT + scale.plotWidth
  let y = top
  if (heading !== undefined) {
    elements.push(el("text", { x: MARGIN, y: y + 15, "font-size": 13, "font-weight": "bold" }, heading))
    y += HEADING_HEIGHT
  }
  const markerX = LEFT + timeline.makespan * scale.pxPerMs
  elements.push(
    el(
      "text",
      { x: markerX - 3, y: y + 10, "text-anchor": "end", "font-size": 10, fill: "#555555" },
      `done at ${num(timeline.makespan)} ms`,
    ),
  )
  y += MARKER_HEIGHT
  const rowsTop = y
  const slots = slotCount(timeline)
  const axisY = rowsTop + slots * ROW + 4
  const times: Array<number> = []
  for (let t = 0; t <= scale.axisEnd; t += scale.tick) times.push(t)
  for (let slot = 1; slot <= slots; slot++) {
    const rowY = rowsTop + (slot - 1) * ROW
    if (slot % 2 === 1) {
      elements.push(el("rect", { x: LEFT, y: rowY, width: scale.plotWidth, height: ROW, fill: "#f4f6f8" }))
    }
    elements.push(el("text", { x: LEFT - 8, y: rowY + ROW / 2 + 4, "text-anchor": "end" }, `slot ${slot}`))
  }
  for (const t of times) {
    const x = LEFT + t * scale.pxPerMs
    elements.push(el("line", { x1: x, y1: rowsTop, x2: x, y2: axisY, stroke: "#d5d9de" }))
  }
  for (const span of timeline.spans) elements.push(bar(span, scale, rowsTop))
  elements.push(
    el("line", {
      x1: markerX,
      y1: rowsTop - 2,
      x2: markerX,
      y2: axisY - 2,
      stroke: "#555555",
      "stroke-dasharray": "3 3",
    }),
    el("line", { x1: LEFT, y1: axisY, x2: right, y2: axisY, stroke: "#333333" }),
  )
  for (const t of times) {
    const x = LEFT + t * scale.pxPerMs
    elements.push(el("g", { class: "tick" }, [
      el("line", { x1: x, y1: axisY, x2: x, y2: axisY + 5, stroke: "#333333" }),
      el("text", { x, y: axisY + 17, "text-anchor": "middle", "font-size": 10 }, num(t)),
    ]))
  }
  elements.push(el("text", { x: LEFT - 8, y: axisY + 17, "text-anchor": "end", "font-size": 10 }, "ms"))
  return { elements, height: y - top + slots * ROW + AXIS_HEIGHT }
}

const legend = (top: number): Array<Element> => {
  let x = LEFT
  return OUTCOMES.flatMap((outcome) => {
    const style = STYLE[outcome]
    const swatch = [
      el("rect", {
        x,
        y: top + 4,
        width: 14,
        height: 12,
        rx: 2,
        fill: style.fill,
        stroke: style.stroke,
        "stroke-dasharray": outcome === "interrupted" ? "4 2" : undefined,
      }),
      el("text", { x: x + 20, y: top + 14 }, outcome),
    ]
    x += 46 + outcome.length * CHAR_WIDTH
    return swatch
  })
}

const document = (
  title: string | undefined,
  panels: ReadonlyArray<{ readonly heading: string | undefined; readonly timeline: Timeline }>,
  scale: Scale,
): string => {
  const body: Array<Element> = [el("rect", { width: "100%", height: "100%", fill: "#ffffff" })]
  let y = MARGIN
  if (title !== undefined) {
    body.push(el("text", { x: MARGIN, y: y + 16, "font-size": 16, "font-weight": "bold" }, title))
    y += TITLE_HEIGHT
  }
  panels.forEach(({ heading, timeline }, i) => {
    if (i > 0) y += PANEL_GAP
    const drawn = panel(timeline, heading, scale, y)
    body.push(...drawn.elements)
    y += drawn.height
  })
  body.push(...legend(y))
  y += LEGEND_HEIGHT
  const width = num(LEFT + scale.plotWidth + 2 * MARGIN)
  const height = num(y + MARGIN)
  const svg = el("svg", { xmlns: "http://www.w3.org/2000/svg", width, height, viewBox: `0 0 ${width} ${height}` }, [
    el("g", { "font-family": FONT, "font-size": LABEL_SIZE, fill: "#333333" }, body),
  ])
  return [...serialize(svg), ""].join("\n")
}

/**
 * Renders `timeline` as a standalone SVG document: slots top to bottom, time
 * left to right, one bar per task with its label inside. Succeeded, failed
 * and interrupted tasks get different fills; a dashed line marks the makespan.
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
  document(options.title, [{ heading: undefined, timeline }], scaleFor([timeline.makespan], options))

/**
 * Renders several timelines stacked in one SVG document on one shared time
 * scale, so equal times line up: the picture for "chunked vs pooled".
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
  document(
    options.title,
    panels.map(({ title, timeline }) => ({ heading: title, timeline })),
    scaleFor(panels.map(({ timeline }) => timeline.makespan), options),
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
 * its limit and when it was done. The docs' pictures and `demo --svg` are this.
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
    },
    {
      title:
        `pooled, concurrency ${picture.concurrency} (a freed slot takes the next task): done at ${picture.pooled.makespan} ms`,
      timeline: picture.pooled,
    },
  ], { title: picture.title })
