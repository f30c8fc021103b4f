/**
 * Draws the SVG picture: per panel a heading, the makespan marker, one row per
 * slot with its bars and idle gaps, and the time axis; then one legend with
 * only the entries that occur.
 */
import type { Outcome, Span, SvgScaleOptions, SvgWords, Timeline } from "../../timeline/Timeline.ts"
import { refuseTooLarge, type TimelineTooLargeError } from "./errors.ts"
import { highestSlot } from "./measure.ts"
import { el, type Element, num, serialize } from "./svgElement.ts"
import {
  AXIS_HEIGHT,
  BAR,
  firstThatFits,
  fitLabel,
  FONT,
  HEADING_HEIGHT,
  IDLE_STYLE,
  LABEL_SIZE,
  LEFT,
  LEGEND_HEIGHT,
  MARGIN,
  MARKER_HEIGHT,
  OUTCOME_STYLE,
  OUTCOMES,
  PANEL_GAP,
  ROW,
  type Scale,
  type Style,
  svgScale,
  textWidth,
  TITLE_HEIGHT,
} from "./svgLayout.ts"

/** One chart of the picture. */
export interface PanelInput {
  readonly heading: string | undefined
  readonly timeline: Timeline
  /** What to call a slot's idle time between two of its tasks. Default "idle". */
  readonly idleLabel?: string | undefined
}

/** A slot with nothing to run between two of its tasks. */
interface Gap {
  readonly slot: number
  readonly start: number
  readonly end: number
}

/** The gaps inside each slot's row, in one pass over spans ordered by start. */
const idleGaps = (spans: ReadonlyArray<Span>): Array<Gap> => {
  const freeSince: Array<number | undefined> = []
  const gaps: Array<Gap> = []
  for (const span of spans) {
    const since = freeSince[span.slot]
    if (since !== undefined && span.start > since) gaps.push({ slot: span.slot, start: since, end: span.start })
    freeSince[span.slot] = Math.max(since ?? span.end, span.end)
  }
  return gaps
}

/** A box on a slot's row with its tooltip and, if it fits, its label inside. */
const box = (
  className: string,
  tooltip: string,
  x: number,
  y: number,
  width: number,
  style: Style,
  label: string,
): Element =>
  el("g", { class: className }, [
    el("title", {}, tooltip),
    el("rect", {
      x,
      y,
      width,
      height: BAR,
      rx: 3,
      fill: style.fill,
      stroke: style.stroke,
      "stroke-dasharray": style.dash,
    }),
    ...(label === "" ? [] : [
      el(
        "text",
        { x: x + width / 2, y: y + BAR / 2 + LABEL_SIZE * 0.35, "text-anchor": "middle", fill: style.text },
        label,
      ),
    ]),
  ])

const slotName = (words: SvgWords, slot: number): string => words.slot?.(slot) ?? `slot ${slot}`

const rowTop = (rowsTop: number, slot: number) => rowsTop + (slot - 1) * ROW + (ROW - BAR) / 2

const bar = (span: Span, scale: Scale, rowsTop: number, words: SvgWords): Element => {
  const width = (span.end - span.start) * scale.pxPerMs
  return box(
    `span ${span.outcome}`,
    `${span.label}: ${span.start}–${span.end} ms, ${words.outcomes?.[span.outcome] ?? span.outcome}`,
    LEFT + span.start * scale.pxPerMs,
    rowTop(rowsTop, span.slot),
    width,
    OUTCOME_STYLE[span.outcome],
    fitLabel(span.label, width),
  )
}

const idle = (gap: Gap, idleLabel: string, scale: Scale, rowsTop: number, words: SvgWords): Element => {
  const width = (gap.end - gap.start) * scale.pxPerMs
  return box(
    "idle",
    `${idleLabel} (${slotName(words, gap.slot)}, ${gap.start}–${gap.end} ms)`,
    LEFT + gap.start * scale.pxPerMs,
    rowTop(rowsTop, gap.slot),
    width,
    IDLE_STYLE,
    firstThatFits([idleLabel, words.idle ?? "idle"], width),
  )
}

/** One chart: optional heading, makespan marker, slot rows, bars, idle gaps and axis. */
const panel = (
  { heading, timeline }: PanelInput,
  idleLabel: string,
  gaps: ReadonlyArray<Gap>,
  scale: Scale,
  top: number,
  words: SvgWords,
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
      words.doneAt?.(num(timeline.makespan)) ?? `done at ${num(timeline.makespan)} ms`,
    ),
  )
  y += MARKER_HEIGHT
  const rowsTop = y
  const slots = highestSlot(timeline.spans)
  const axisY = rowsTop + slots * ROW + 4
  const times: Array<number> = []
  for (let t = 0; t <= scale.axisEnd; t += scale.tick) times.push(t)
  for (let slot = 1; slot <= slots; slot++) {
    const rowY = rowsTop + (slot - 1) * ROW
    if (slot % 2 === 1) {
      elements.push(el("rect", { x: LEFT, y: rowY, width: scale.plotWidth, height: ROW, fill: "#f4f6f8" }))
    }
    elements.push(
      el("text", { x: LEFT - 8, y: rowY + ROW / 2 + 4, "text-anchor": "end" }, slotName(words, slot)),
    )
  }
  for (const t of times) {
    const x = LEFT + t * scale.pxPerMs
    elements.push(el("line", { x1: x, y1: rowsTop, x2: x, y2: axisY, stroke: "#d5d9de" }))
  }
  for (const gap of gaps) elements.push(idle(gap, idleLabel, scale, rowsTop, words))
  for (const span of timeline.spans) elements.push(bar(span, scale, rowsTop, words))
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
  elements.push(el("text", { x: LEFT - 8, y: axisY + 17, "text-anchor": "end", "font-size": 10 }, words.ms ?? "ms"))
  return { elements, height: y - top + slots * ROW + AXIS_HEIGHT }
}

/** A legend of the given entries, left to right; none when there are none. */
const legend = (entries: ReadonlyArray<{ readonly text: string; readonly style: Style }>, top: number) => {
  let x = LEFT
  const swatches = entries.flatMap(({ text, style }) => {
    const swatch = [
      el("rect", {
        x,
        y: top + 4,
        width: 14,
        height: 12,
        rx: 2,
        fill: style.fill,
        stroke: style.stroke,
        "stroke-dasharray": style.dash,
      }),
      el("text", { x: x + 20, y: top + 14 }, text),
    ]
    x += 46 + textWidth(text)
    return swatch
  })
  return swatches.length === 0 ? [] : [el("g", { class: "legend" }, swatches)]
}

/**
 * The whole document: title, the panels stacked on one scale, the legend.
 * Refuses more spans than one picture shows, naming `renderer`.
 */
export const drawPicture = (
  renderer: TimelineTooLargeError["renderer"],
  title: string | undefined,
  panels: ReadonlyArray<PanelInput>,
  options: SvgScaleOptions & { readonly words?: SvgWords | undefined },
): string => {
  const words = options.words ?? {}
  refuseTooLarge(renderer, panels.reduce((total, { timeline }) => total + timeline.spans.length, 0))
  const scale = svgScale(panels.map(({ timeline }) => timeline.makespan), options)
  const body: Array<Element> = [el("rect", { width: "100%", height: "100%", fill: "#ffffff" })]
  const outcomes = new Set<Outcome>()
  const idleLabels = new Set<string>()
  let y = MARGIN
  if (title !== undefined) {
    body.push(el("text", { x: MARGIN, y: y + 16, "font-size": 16, "font-weight": "bold" }, title))
    y += TITLE_HEIGHT
  }
  panels.forEach((input, i) => {
    if (i > 0) y += PANEL_GAP
    const gaps = idleGaps(input.timeline.spans)
    const idleLabel = input.idleLabel ?? words.idle ?? "idle"
    if (gaps.length > 0) idleLabels.add(idleLabel)
    for (const span of input.timeline.spans) outcomes.add(span.outcome)
    const drawn = panel(input, idleLabel, gaps, scale, y, words)
    body.push(...drawn.elements)
    y += drawn.height
  })
  const key = legend([
    ...OUTCOMES.filter((outcome) => outcomes.has(outcome))
      .map((outcome) => ({ text: words.outcomes?.[outcome] ?? outcome, style: OUTCOME_STYLE[outcome] })),
    ...[...idleLabels].map((text) => ({ text, style: IDLE_STYLE })),
  ], y)
  body.push(...key)
  if (key.length > 0) y += LEGEND_HEIGHT
  const width = num(LEFT + scale.plotWidth + 2 * MARGIN)
  const height = num(y + MARGIN)
  const svg = el("svg", { xmlns: "http://www.w3.org/2000/svg", width, height, viewBox: `0 0 ${width} ${height}` }, [
    el("g", { "font-family": FONT, "font-size": LABEL_SIZE, fill: "#333333" }, body),
  ])
  return [...serialize(svg), ""].join("\n")
}
