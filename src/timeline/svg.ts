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

const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
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

const bar = (span: Span, scale: Scale, top: number): Array<string> => {
  const x = GUTTER + MARGIN + span.start * scale.pxPerMs
  const width = (span.end - span.start) * scale.pxPerMs
  const y = top + (span.slot - 1) * ROW + (ROW - BAR) / 2
  const style = STYLE[span.outcome]
  const dash = span.outcome === "interrupted" ? ` stroke-dasharray="4 2"` : ""
  const label = fitLabel(span.label, width)
  const lines = [
    `<g class="span ${span.outcome}">`,
    `<title>${escapeXml(`${span.label}: ${span.start}–${span.end} ms, ${span.outcome}`)}</title>`,
    `<rect x="${num(x)}" y="${num(y)}" width="${
      num(width)
    }" height="${BAR}" rx="3" fill="${style.fill}" stroke="${style.stroke}"${dash}/>`,
  ]
  if (label !== "") {
    lines.push(
      `<text x="${num(x + width / 2)}" y="${
        num(y + BAR / 2 + LABEL_SIZE * 0.35)
      }" text-anchor="middle" font-size="${LABEL_SIZE}" fill="${style.text}">${escapeXml(label)}</text>`,
    )
  }
  lines.push(`</g>`)
  return lines
}

/** One chart: optional heading, makespan marker, slot rows, bars and axis. Returns its lines and height. */
const panel = (
  timeline: Timeline,
  heading: string | undefined,
  scale: Scale,
  top: number,
): { readonly lines: Array<string>; readonly height: number } => {
  const lines: Array<string> = []
  const left = MARGIN + GUTTER
  const right = left + scale.plotWidth
  let y = top
  if (heading !== undefined) {
    lines.push(`<text x="${MARGIN}" y="${num(y + 15)}" font-size="13" font-weight="bold">${escapeXml(heading)}</text>`)
    y += HEADING_HEIGHT
  }
  const markerX = left + timeline.makespan * scale.pxPerMs
  lines.push(
    `<text x="${num(markerX - 3)}" y="${num(y + 10)}" text-anchor="end" font-size="10" fill="#555555">done at ${
      num(timeline.makespan)
    } ms</text>`,
  )
  y += MARKER_HEIGHT
  const rowsTop = y
  const slots = slotCount(timeline)
  const rowsBottom = rowsTop + slots * ROW
  for (let slot = 1; slot <= slots; slot++) {
    const rowY = rowsTop + (slot - 1) * ROW
    if (slot % 2 === 1) {
      lines.push(`<rect x="${left}" y="${num(rowY)}" width="${num(scale.plotWidth)}" height="${ROW}" fill="#f4f6f8"/>`)
    }
    lines.push(
      `<text x="${num(left - 8)}" y="${
        num(rowY + ROW / 2 + 4)
      }" text-anchor="end" font-size="11" fill="#333333">slot ${slot}</text>`,
    )
  }
  for (let t = 0; t <= scale.axisEnd; t += scale.tick) {
    const x = left + t * scale.pxPerMs
    lines.push(
      `<line x1="${num(x)}" y1="${num(rowsTop)}" x2="${num(x)}" y2="${
        num(rowsBottom + 4)
      }" stroke="#d5d9de" stroke-width="1"/>`,
    )
  }
  for (const span of timeline.spans) lines.push(...bar(span, scale, rowsTop))
  lines.push(
    `<line x1="${num(markerX)}" y1="${num(rowsTop - 2)}" x2="${num(markerX)}" y2="${
      num(rowsBottom + 2)
    }" stroke="#555555" stroke-width="1" stroke-dasharray="3 3"/>`,
  )
  lines.push(
    `<line x1="${left}" y1="${num(rowsBottom + 4)}" x2="${num(right)}" y2="${
      num(rowsBottom + 4)
    }" stroke="#333333" stroke-width="1"/>`,
  )
  for (let t = 0; t <= scale.axisEnd; t += scale.tick) {
    const x = left + t * scale.pxPerMs
    lines.push(`<g class="tick">`)
    lines.push(
      `<line x1="${num(x)}" y1="${num(rowsBottom + 4)}" x2="${num(x)}" y2="${
        num(rowsBottom + 9)
      }" stroke="#333333" stroke-width="1"/>`,
    )
    lines.push(
      `<text x="${num(x)}" y="${num(rowsBottom + 21)}" text-anchor="middle" font-size="10" fill="#333333">${
        num(t)
      }</text>`,
    )
    lines.push(`</g>`)
  }
  lines.push(
    `<text x="${num(left - 8)}" y="${num(rowsBottom + 21)}" text-anchor="end" font-size="10" fill="#333333">ms</text>`,
  )
  return { lines, height: y - top + slots * ROW + AXIS_HEIGHT }
}

const legend = (top: number): Array<string> => {
  const lines: Array<string> = []
  let x = MARGIN + GUTTER
  for (const outcome of OUTCOMES) {
    const style = STYLE[outcome]
    const dash = outcome === "interrupted" ? ` stroke-dasharray="4 2"` : ""
    lines.push(
      `<rect x="${x}" y="${
        top + 4
      }" width="14" height="12" rx="2" fill="${style.fill}" stroke="${style.stroke}"${dash}/>`,
      `<text x="${x + 20}" y="${top + 14}" font-size="11" fill="#333333">${outcome}</text>`,
    )
    x += 30 + outcome.length * CHAR_WIDTH + 16
  }
  return lines
}

const document = (
  title: string | undefined,
  panels: ReadonlyArray<{ readonly heading: string | undefined; readonly timeline: Timeline }>,
  scale: Scale,
): string => {
  const body: Array<string> = []
  let y = MARGIN
  if (title !== undefined) {
    body.push(`<text x="${MARGIN}" y="${num(y + 16)}" font-size="16" font-weight="bold">${escapeXml(title)}</text>`)
    y += TITLE_HEIGHT
  }
  panels.forEach(({ heading, timeline }, i) => {
    if (i > 0) y += PANEL_GAP
    const drawn = panel(timeline, heading, scale, y)
    body.push(...drawn.lines)
    y += drawn.height
  })
  body.push(...legend(y))
  y += LEGEND_HEIGHT
  const width = num(MARGIN + GUTTER + scale.plotWidth + 2 * MARGIN)
  const height = num(y + MARGIN)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    `</svg>`,
    "",
  ].join("\n")
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
