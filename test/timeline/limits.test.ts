import { describe, expect, it } from "@effect/vitest"
import {
  maxRenderedSpans,
  renderChunkedVsPooled,
  renderGantt,
  renderSvg,
  renderSvgComparison,
  sliceTimeline,
  type Span,
  type Timeline,
  TimelineTooLargeError,
} from "poolwise/timeline"

/** `count` spans of 10 ms, eight slots running side by side. */
const bigTimeline = (count: number): Timeline => {
  const spans: Array<Span> = new Array(count)
  for (let i = 0; i < count; i++) {
    const start = Math.floor(i / 8) * 10
    spans[i] = { index: i, label: String(i + 1), slot: (i % 8) + 1, start, end: start + 10, outcome: "succeeded" }
  }
  return { spans, makespan: Math.ceil(count / 8) * 10, peakInFlight: Math.min(count, 8) }
}

const million = bigTimeline(1_000_000)

/** What `render` threw, or undefined. */
const thrown = (render: () => unknown): unknown => {
  try {
    render()
  } catch (error) {
    return error
  }
  return undefined
}

describe("a timeline too large for one chart", () => {
  it("is refused by every renderer with a TimelineTooLargeError naming its size, the limit and how to draw a slice", () => {
    const renderers = {
      renderGantt: () => renderGantt(million),
      renderSvg: () => renderSvg(million),
      renderSvgComparison: () => renderSvgComparison([{ title: "big", timeline: million }]),
    }
    for (const [name, render] of Object.entries(renderers)) {
      const error = thrown(render)
      expect(error).toBeInstanceOf(TimelineTooLargeError)
      expect(error).not.toBeInstanceOf(RangeError)
      expect(error).toMatchObject({ _tag: "TimelineTooLargeError", renderer: name, spans: 1_000_000, limit: 10_000 })
      expect((error as Error).message).toBe(
        `${name} cannot draw 1,000,000 spans: one chart shows at most 10,000. ` +
          "Draw a slice instead: sliceTimeline(timeline, 0, 10000) keeps the first 10,000 to start.",
      )
    }
  })

  it("counts the spans of every panel of a comparison", () => {
    const half = bigTimeline(maxRenderedSpans / 2 + 1)
    expect(
      thrown(() => renderChunkedVsPooled({ title: "", chunked: half, chunkSize: 8, pooled: half, concurrency: 8 })),
    )
      .toBeInstanceOf(TimelineTooLargeError)
  })

  it("draws exactly maxRenderedSpans spans, in text and in SVG", () => {
    const largest = bigTimeline(maxRenderedSpans)
    expect(renderGantt(largest).split("\n")).toHaveLength(8 + 1)
    expect(renderSvg(largest).match(/<g class="span succeeded">/g)).toHaveLength(maxRenderedSpans)
  })

  it("draws a slice of it: the first spans to start, with their own makespan and peak", () => {
    const slice = sliceTimeline(million, 0, 12)
    expect(slice.spans).toEqual(million.spans.slice(0, 12))
    expect(slice.makespan).toBe(20)
    expect(slice.peakInFlight).toBe(8)
    expect(renderGantt(slice, { msPerCell: 1 }).split("\n")[0]).toBe("slot 1 [1=======][9=======]")
    expect(renderSvg(sliceTimeline(million, 0, maxRenderedSpans))).toContain("done at 12500 ms")
  })

  it("gives the whole timeline back when sliced from 0 to the end", () => {
    const small = bigTimeline(20)
    expect(sliceTimeline(small, 0)).toEqual(small)
  })
})
