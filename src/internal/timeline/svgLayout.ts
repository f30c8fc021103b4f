/**
 * Where things go in the SVG picture: sizes, colours, and the time scale that
 * maps milliseconds to pixels.
 */
import type { Outcome, SvgScaleOptions } from "../../timeline/Timeline.ts"
import { finiteNumber, optional, orThrow } from "../options/rules.ts"
import { niceStep } from "./gantt.ts"

export interface Style {
  readonly fill: string
  readonly stroke: string
  readonly text: string
  readonly dash?: string | undefined
}

/** Fill, outline and text colour for each outcome. */
export const OUTCOME_STYLE: Record<Outcome, Style> = {
  succeeded: { fill: "#4f83c2", stroke: "#2c5a8f", text: "#ffffff" },
  failed: { fill: "#d0504a", stroke: "#9b2f2a", text: "#ffffff" },
  interrupted: { fill: "#e4e4e4", stroke: "#7a7a7a", text: "#333333", dash: "4 2" },
}

/** A slot idle between two of its tasks: an outline only, so the row shows through. */
export const IDLE_STYLE: Style = { fill: "none", stroke: "#8a96a3", text: "#5c6670", dash: "2 3" }

export const OUTCOMES: ReadonlyArray<Outcome> = ["succeeded", "failed", "interrupted"]

export const FONT = "system-ui, 'Segoe UI', Helvetica, Arial, sans-serif"
export const MARGIN = 16
const GUTTER = 56
export const LEFT = MARGIN + GUTTER
export const ROW = 28
export const BAR = 20
export const LABEL_SIZE = 11
export const CHAR_WIDTH = LABEL_SIZE * 0.62
export const TITLE_HEIGHT = 28
export const HEADING_HEIGHT = 22
export const MARKER_HEIGHT = 14
export const AXIS_HEIGHT = 30
export const PANEL_GAP = 12
export const LEGEND_HEIGHT = 22

export interface Scale {
  readonly pxPerMs: number
  readonly tick: number
  readonly axisEnd: number
  readonly plotWidth: number
}

/** One scale for every panel, long enough for the longest makespan. */
export const svgScale = (makespans: ReadonlyArray<number>, options: SvgScaleOptions): Scale => {
  const positive = optional(finiteNumber({ above: 0 }))
  orThrow(positive, "msPerPixel", options.msPerPixel)
  orThrow(positive, "width", options.width)
  orThrow(optional(finiteNumber({ atLeast: 0 })), "until", options.until)
  const longest = makespans.reduce((a, b) => Math.max(a, b), Math.max(1, options.until ?? 0))
  const tick = niceStep(longest / 8)
  const axisEnd = Math.ceil(longest / tick) * tick
  const pxPerMs = options.msPerPixel !== undefined ? 1 / options.msPerPixel : (options.width ?? 800) / axisEnd
  return { pxPerMs, tick, axisEnd, plotWidth: axisEnd * pxPerMs }
}

/** How many characters of label fit inside a bar `width` pixels wide. */
const roomFor = (width: number): number => Math.floor((width - 4) / CHAR_WIDTH)

/** A wide (Hangul, CJK, full-width) character: drawn about as wide as the font is high. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/

/** Width of `text` in narrow characters: a wide one counts as {@link WIDE_UNITS}. */
const WIDE_UNITS = 1 / 0.62

export const textUnits = (text: string): number => {
  let units = 0
  for (const char of text) units += WIDE.test(char) ? WIDE_UNITS : 1
  return units
}

/** Estimated width of `text` in pixels, at the label size. */
export const textWidth = (text: string): number => textUnits(text) * CHAR_WIDTH

/** The label as it fits inside a bar `width` pixels wide ("…" when cut, "" when nothing fits). */
export const fitLabel = (label: string, width: number): string => {
  const room = roomFor(width)
  if (textUnits(label) <= room) return label
  if (room < 2) return ""
  let cut = ""
  for (const char of label) {
    if (textUnits(cut + char) > room - 1) break
    cut += char
  }
  return `${cut}…`
}

/** The first of `labels` that fits whole inside a bar `width` pixels wide, or "". */
export const firstThatFits = (labels: ReadonlyArray<string>, width: number): string =>
  labels.find((label) => textUnits(label) <= roomFor(width)) ?? ""
