/**
 * A line chart in the kit's SVG style, for what a Gantt chart cannot show: a
 * makespan against the limit that produced it (a sweep), a limit over time.
 * Same primitives and fonts as the timeline pictures (svgElement.ts,
 * svgLayout.ts), and the same promise: the same chart gives the same bytes,
 * so pictures can be committed and checked.
 *
 * @internal
 */
import { el, type Element, num, serialize } from "./svgElement.ts"
import { FONT, MARGIN, TITLE_HEIGHT } from "./svgLayout.ts"

/** One line: points in data units, drawn straight or as steps (a value that holds until the next point). */
export interface LineSeries {
  readonly label: string
  readonly points: ReadonlyArray<readonly [x: number, y: number]>
  readonly color: string
  /** Hold each value until the next point (a limit over time); default: straight lines between points. */
  readonly step?: boolean | undefined
  readonly dash?: string | undefined
  /** Draw a dot on each point. */
  readonly dots?: boolean | undefined
}

/** A vertical line across the plot at `x`, with a label at its top. */
export interface LineMarker {
  readonly x: number
  readonly label: string
}

export interface LineChart {
  readonly title: string
  readonly xLabel: string
  readonly yLabel: string
  readonly series: ReadonlyArray<LineSeries>
  readonly markers?: ReadonlyArray<LineMarker> | undefined
  /** Small ticks under the x axis (events: refusals), with what they are. */
  readonly events?: { readonly label: string; readonly xs: ReadonlyArray<number>; readonly color: string } | undefined
  /** The axes run from 0 to at least these. */
  readonly xMax?: number | undefined
  readonly yMax?: number | undefined
  /** Plot size in pixels. Default 800 × 300. */
  readonly width?: number | undefined
  readonly height?: number | undefined
}

const LEFT = MARGIN + 56
const AXIS = 34
const LEGEND = 24

/** The smallest of 1, 2, 5, 10, 20, 50, … that is ≥ `raw` (the Gantt chart's steps; internal code keeps its own copy). */
const niceStep = (raw: number): number => {
  for (let magnitude = 1;; magnitude *= 10) {
    for (const step of [1, 2, 5]) if (step * magnitude >= raw) return step * magnitude
  }
}

const ticks = (max: number): { readonly step: number; readonly end: number } => {
  const step = niceStep(max / 8)
  return { step, end: Math.ceil(max / step) * step }
}

/** Renders `chart` as a standalone SVG document. */
export const renderLineChart = (chart: LineChart): string => {
  const width = chart.width ?? 800
  const height = chart.height ?? 300
  const all = chart.series.flatMap((series) => series.points)
  const x = ticks(Math.max(chart.xMax ?? 0, ...all.map(([px]) => px), 1))
  const y = ticks(Math.max(chart.yMax ?? 0, ...all.map(([, py]) => py), 1))
  const top = MARGIN + TITLE_HEIGHT + 12
  const bottom = top + height
  const px = (value: number) => LEFT + (value / x.end) * width
  const py = (value: number) => bottom - (value / y.end) * height
  const elements: Array<Element> = [
    el("rect", { width: "100%", height: "100%", fill: "#ffffff" }),
    el("text", { x: MARGIN, y: MARGIN + 16, "font-size": 16, "font-weight": "bold" }, chart.title),
  ]

  // Grid and axes.
  for (let v = 0; v <= y.end; v += y.step) {
    elements.push(el("line", { x1: LEFT, y1: py(v), x2: LEFT + width, y2: py(v), stroke: "#e6e9ed" }))
    elements.push(el("text", { x: LEFT - 6, y: py(v) + 4, "text-anchor": "end", "font-size": 10 }, num(v)))
  }
  for (let v = 0; v <= x.end; v += x.step) {
    elements.push(el("line", { x1: px(v), y1: bottom, x2: px(v), y2: bottom + 5, stroke: "#333333" }))
    elements.push(el("text", { x: px(v), y: bottom + 17, "text-anchor": "middle", "font-size": 10 }, num(v)))
  }
  elements.push(
    el("line", { x1: LEFT, y1: top, x2: LEFT, y2: bottom, stroke: "#333333" }),
    el("line", { x1: LEFT, y1: bottom, x2: LEFT + width, y2: bottom, stroke: "#333333" }),
    el("text", { x: LEFT + width, y: bottom + 30, "text-anchor": "end", "font-size": 11 }, chart.xLabel),
    el("text", { x: LEFT - 6, y: top - 8, "text-anchor": "end", "font-size": 11 }, chart.yLabel),
  )

  for (const marker of chart.markers ?? []) {
    elements.push(el("g", { class: "marker" }, [
      el("line", {
        x1: px(marker.x),
        y1: top,
        x2: px(marker.x),
        y2: bottom,
        stroke: "#8a96a3",
        "stroke-dasharray": "4 3",
      }),
      el("text", { x: px(marker.x) + 4, y: top + 10, "font-size": 10, fill: "#555555" }, marker.label),
    ]))
  }

  for (const series of chart.series) {
    const path: Array<string> = []
    series.points.forEach(([vx, vy], i) => {
      if (i === 0) path.push(`M${num(px(vx))} ${num(py(vy))}`)
      else if (series.step === true) path.push(`H${num(px(vx))}`, `V${num(py(vy))}`)
      else path.push(`L${num(px(vx))} ${num(py(vy))}`)
    })
    if (series.step === true && series.points.length > 0) path.push(`H${num(px(x.end))}`)
    const children: Array<Element> = [
      el("title", {}, series.label),
      el("path", {
        d: path.join(" "),
        fill: "none",
        stroke: series.color,
        "stroke-width": 2,
        "stroke-dasharray": series.dash,
      }),
    ]
    if (series.dots === true) {
      for (const [vx, vy] of series.points) {
        children.push(el("circle", { cx: px(vx), cy: py(vy), r: 2.5, fill: series.color }))
      }
    }
    elements.push(el("g", { class: "series" }, children))
  }

  if (chart.events !== undefined && chart.events.xs.length > 0) {
    const { color, label, xs } = chart.events
    elements.push(el("g", { class: "events" }, [
      el("title", {}, `${label}: ${xs.length}`),
      ...xs.map((vx) => el("line", { x1: px(vx), y1: bottom - 8, x2: px(vx), y2: bottom, stroke: color })),
    ]))
  }

  // Legend: one swatch per series (and the events), left to right.
  const legendY = bottom + AXIS + 14
  let at = LEFT
  const entries = [
    ...chart.series.map((series) => ({ label: series.label, color: series.color, dash: series.dash })),
    ...(chart.events !== undefined && chart.events.xs.length > 0
      ? [{ label: `${chart.events.label} (${chart.events.xs.length})`, color: chart.events.color, dash: undefined }]
      : []),
  ]
  for (const entry of entries) {
    elements.push(
      el("line", {
        x1: at,
        y1: legendY - 4,
        x2: at + 18,
        y2: legendY - 4,
        stroke: entry.color,
        "stroke-width": 2,
        "stroke-dasharray": entry.dash,
      }),
      el("text", { x: at + 24, y: legendY }, entry.label),
    )
    at += 24 + entry.label.length * 6.5 + 20
  }

  const totalWidth = LEFT + width + MARGIN * 2
  const totalHeight = legendY + LEGEND
  return [
    ...serialize(
      el("svg", {
        xmlns: "http://www.w3.org/2000/svg",
        width: totalWidth,
        height: totalHeight,
        viewBox: `0 0 ${totalWidth} ${totalHeight}`,
      }, [el("g", { "font-family": FONT, "font-size": 11, fill: "#333333" }, elements)]),
    ),
    "",
  ].join("\n")
}
