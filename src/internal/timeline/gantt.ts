/**
 * The text Gantt chart, and the 1-2-5 steps its scale and axis use (the SVG
 * picture's axis uses the same steps).
 *
 * @internal
 */
import type { GanttOptions, Span, Timeline } from "../../timeline/Timeline.ts"
import { finiteNumber, optional, orThrow, positiveInteger } from "../options/rules.ts"
import { refuseTooLarge } from "./errors.ts"
import { highestSlot } from "./measure.ts"

const STEPS = [1, 2, 5]

/** The smallest "nice" number (1, 2, 5, 10, 20, 50, …) that is ≥ `raw`. */
export const niceStep = (raw: number): number => {
  for (let magnitude = 1;; magnitude *= 10) {
    for (const step of STEPS) if (step * magnitude >= raw) return step * magnitude
  }
}

/** Milliseconds per character that fit `makespan` into `width` characters. */
export const msPerCellFor = (makespan: number, width = 60): number => niceStep(Math.max(makespan, 1) / width)

const bar = (span: Span, cells: number): string => {
  if (cells <= 0) return ""
  if (cells === 1) return "|"
  const inner = span.label.slice(0, cells - 2)
  const fill = span.outcome === "succeeded" ? "=" : span.outcome === "failed" ? "x" : "~"
  return `[${inner}${fill.repeat(cells - 2 - inner.length)}]`
}

const axis = (makespan: number, msPerCell: number, indent: number): string => {
  const end = Math.round(makespan / msPerCell)
  const tick = niceStep(makespan / 4)
  let line = ""
  for (let t = 0; t < makespan; t += tick) {
    const cell = Math.round(t / msPerCell)
    const text = String(t)
    // Ticks keep a space between them and never run into the end label.
    const fits = (line.length === 0 || cell > line.length) && (t === 0 || cell + text.length < end)
    if (fits) line = line.padEnd(cell) + text
  }
  line = line.length === 0 ? " ".repeat(end) : line.padEnd(Math.max(end, line.length + 1))
  return " ".repeat(indent) + line + `${makespan} ms`
}

export const renderGantt = (timeline: Timeline, options: GanttOptions = {}): string => {
  const width = orThrow(optional(positiveInteger), "width", options.width)
  const chosen = orThrow(optional(finiteNumber({ above: 0 })), "msPerCell", options.msPerCell)
  refuseTooLarge("renderGantt", timeline.spans.length)
  const msPerCell = chosen ?? msPerCellFor(timeline.makespan, width)
  const slots = highestSlot(timeline.spans)
  const digits = String(slots).length
  const cellOf = (ms: number) => Math.round(ms / msPerCell)
  // One pass over the spans, in their order (by start): each row is the gaps and bars of its slot.
  const rows = Array.from({ length: slots }, () => ({ cells: 0, pieces: [] as Array<string> }))
  for (const span of timeline.spans) {
    const row = rows[span.slot - 1]!
    const gap = cellOf(span.start) - row.cells
    const drawn = (gap > 0 ? ".".repeat(gap) : "") + bar(span, cellOf(span.end) - cellOf(span.start))
    row.pieces.push(drawn)
    row.cells += drawn.length
  }
  const lines = rows.map((row, i) => `slot ${String(i + 1).padStart(digits)} ${row.pieces.join("")}`)
  const indent = `slot ${slots} `.length
  return [...lines, axis(timeline.makespan, msPerCell, indent)].join("\n")
}
