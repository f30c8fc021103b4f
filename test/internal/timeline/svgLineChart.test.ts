/**
 * The line chart behind chapter 10's pictures: the same chart gives the same
 * bytes, steps hold a value until the next point, and text is escaped.
 */
import { describe, expect, it } from "@effect/vitest"
import { type LineChart, renderLineChart } from "../../../src/internal/timeline/svgLineChart.ts"

const chart: LineChart = {
  title: "limit <over> time",
  xLabel: "s",
  yLabel: "limit",
  series: [
    { label: "limit", color: "#4f83c2", step: true, points: [[0, 1], [1, 2], [2, 4]] },
    { label: "makespan", color: "#d0504a", dots: true, points: [[0, 8], [4, 2]] },
  ],
  markers: [{ x: 3, label: "C" }],
  events: { label: "refusals", color: "#d0504a", xs: [1.5, 2.5] },
  width: 400,
  height: 200,
}

describe("renderLineChart", () => {
  it("draws the same bytes for the same chart, a standalone SVG ending in a newline", () => {
    const svg = renderLineChart(chart)
    expect(renderLineChart(chart)).toBe(svg)
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg"`)).toBe(true)
    expect(svg.endsWith("</svg>\n")).toBe(true)
  })

  it("a step series holds each value until the next point and to the axis end; a straight one joins its points", () => {
    const svg = renderLineChart(chart)
    const paths = [...svg.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]!)
    expect(paths[0]).toMatch(/^M[\d.]+ [\d.]+ H[\d.]+ V[\d.]+ H[\d.]+ V[\d.]+ H[\d.]+$/)
    expect(paths[1]).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/)
    expect(svg.match(/<circle /g)).toHaveLength(2)
  })

  it("escapes text, lists events with their count, and labels markers", () => {
    const svg = renderLineChart(chart)
    expect(svg).toContain(">limit &lt;over&gt; time</text>")
    expect(svg).toContain(">refusals (2)</text>")
    expect(svg).toContain(">C</text>")
  })
})
