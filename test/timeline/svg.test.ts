import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { chunked, pooled, type Task } from "poolwise"
import { renderSvg, renderSvgComparison, type Timeline, withTimeline } from "poolwise/timeline"
import { blogWorkload, findUserWithDelay, type Lookup } from "poolwise/fixtures"

const label = (lookup: Lookup) => `user ${lookup.id}`

/** Records a real run of the seed workload under TestClock. */
const record = (run: (task: Task<Lookup, unknown, unknown, never>) => Effect.Effect<unknown, unknown>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(withTimeline(findUserWithDelay, run, label))
    yield* TestClock.adjust("1 second")
    const [, timeline] = yield* Fiber.join(fiber)
    return timeline
  })

const recordPooled = record((task) => pooled(blogWorkload, task, { concurrency: 2 }))
const recordChunked = record((task) => chunked(blogWorkload, task, { chunkSize: 2 }))

interface Bar {
  readonly outcome: string
  readonly title: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly text: string | undefined
}

/** The bars of a rendered SVG, in document order. */
const bars = (svg: string): Array<Bar> =>
  [...svg.matchAll(
    /<g class="span (\w+)">\s*<title>(.*)<\/title>\s*<rect ([^>]*)\/>\s*(?:<text [^>]*>(.*)<\/text>\s*)?<\/g>/g,
  )]
    .map(([, outcome, title, rect, text]) => ({
      outcome: outcome!,
      title: title!,
      x: attr(rect!, "x"),
      y: attr(rect!, "y"),
      width: attr(rect!, "width"),
      text,
    }))

const attr = (tag: string, name: string): number => Number(new RegExp(`\\b${name}="([^"]*)"`).exec(tag)![1])

/** x of each axis tick, by its label. */
const ticks = (svg: string): Map<string, number> =>
  new Map(
    [...svg.matchAll(/<g class="tick">\s*<line x1="([^"]*)"[^\n]*\s*<text [^>]*>([^<]*)<\/text>/g)]
      .map(([, x, text]) => [text!, Number(x)]),
  )

describe("renderSvg", () => {
  it.effect("draws one labelled bar per task, placed at start and sized by duration", () =>
    Effect.gen(function* () {
      const timeline = yield* recordPooled
      const svg = renderSvg(timeline, { title: "pooled, concurrency 2", msPerPixel: 0.5 })
      const drawn = bars(svg)
      expect(drawn).toHaveLength(3)
      expect(drawn.map((bar) => bar.text)).toEqual(["user 1", "user 2", "user 3"])
      const origin = ticks(svg).get("0")!
      for (const [i, span] of timeline.spans.entries()) {
        expect(drawn[i]!.x).toBe(origin + span.start * 2)
        expect(drawn[i]!.width).toBe((span.end - span.start) * 2)
      }
      // user 3 reuses user 1's slot, starting where it ended: same row, x at t=100.
      expect(drawn[2]!.y).toBe(drawn[0]!.y)
      expect(drawn[2]!.x).toBe(drawn[0]!.x + drawn[0]!.width)
      expect(drawn[2]!.x).toBe(ticks(svg).get("100"))
      expect(svg).toContain(">pooled, concurrency 2</text>")
      expect(svg).toContain("done at 300 ms")
    }))

  it.effect("is a standalone, deterministic document", () =>
    Effect.gen(function* () {
      const first = renderSvg(yield* recordPooled, { title: "run" })
      const second = renderSvg(yield* recordPooled, { title: "run" })
      expect(second).toBe(first)
      expect(first.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="`)).toBe(true)
      expect(first.trimEnd().endsWith("</svg>")).toBe(true)
      expect(first).not.toMatch(/\bid=|NaN|Infinity|e[+-]\d/)
    }))

  it("fits the plot into `width` pixels, ticks at nice steps", () => {
    const timeline: Timeline = {
      spans: [{ index: 0, label: "a", slot: 1, start: 0, end: 300, outcome: "succeeded" }],
      makespan: 300,
      peakInFlight: 1,
    }
    const axis = ticks(renderSvg(timeline, { width: 600 }))
    expect([...axis.keys()]).toEqual(["0", "50", "100", "150", "200", "250", "300"])
    expect(axis.get("300")! - axis.get("0")!).toBe(600)
  })

  it("gives failed and interrupted spans their own fill, and escapes labels", () => {
    const timeline: Timeline = {
      spans: [
        { index: 0, label: "ok", slot: 1, start: 0, end: 100, outcome: "succeeded" },
        { index: 1, label: "<boom> & co", slot: 2, start: 0, end: 100, outcome: "failed" },
        { index: 2, label: "cut", slot: 1, start: 100, end: 200, outcome: "interrupted" },
      ],
      makespan: 200,
      peakInFlight: 2,
    }
    const svg = renderSvg(timeline, { msPerPixel: 1 })
    const drawn = bars(svg)
    expect(drawn.map((bar) => bar.outcome)).toEqual(["succeeded", "failed", "interrupted"])
    const fills = svg.match(/<rect [^>]*rx="3" fill="#\w+"/g)!.map((rect) => rect.slice(rect.indexOf("fill")))
    expect(new Set(fills).size).toBe(3)
    expect(drawn[1]!.text).toBe("&lt;boom&gt; &amp; co")
    expect(svg).not.toContain("<boom>")
  })

  it("shortens a label that does not fit its bar, keeping it whole in the tooltip", () => {
    const timeline: Timeline = {
      spans: [{ index: 0, label: "a rather long label", slot: 1, start: 0, end: 40, outcome: "succeeded" }],
      makespan: 40,
      peakInFlight: 1,
    }
    const [bar] = bars(renderSvg(timeline, { msPerPixel: 1 }))
    expect(bar!.text).toMatch(/^a rat?…$/)
    expect(bar!.title).toContain("a rather long label")
  })

  it("draws an empty timeline without bars", () => {
    const svg = renderSvg({ spans: [], makespan: 0, peakInFlight: 0 })
    expect(bars(svg)).toHaveLength(0)
    expect(svg).toContain("</svg>")
  })
})

describe("renderSvgComparison", () => {
  it.effect("stacks chunked and pooled on one shared time scale", () =>
    Effect.gen(function* () {
      const chunks = yield* recordChunked
      const pool = yield* recordPooled
      const svg = renderSvgComparison([
        { title: "chunked", timeline: chunks },
        { title: "pooled", timeline: pool },
      ], { title: "seed", msPerPixel: 0.5 })
      const drawn = bars(svg)
      expect(drawn).toHaveLength(6)
      const [c1, c2, c3, p1, p2, p3] = drawn
      // Same scale: the same times sit at the same x in both panels.
      expect([p1!.x, p2!.x]).toEqual([c1!.x, c2!.x])
      // chunked starts user 3 at 300, pooled at 100.
      expect(c3!.x - c1!.x).toBe(600)
      expect(p3!.x - p1!.x).toBe(200)
      expect(c3!.width).toBe(p3!.width)
      // Pooled is drawn below chunked.
      expect(p1!.y).toBeGreaterThan(c2!.y)
      // Both axes run to the longer makespan.
      expect(svg.match(/<text [^>]*>500<\/text>/g)).toHaveLength(2)
      expect(svg).toContain("done at 500 ms")
      expect(svg).toContain("done at 300 ms")
      for (const heading of ["seed", "chunked", "pooled"]) expect(svg).toContain(`>${heading}</text>`)
    }))
})
