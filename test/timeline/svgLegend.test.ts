import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { chunked, pooled } from "poolwise"
import { renderChunkedVsPooled, renderSvg, type Timeline, withTimeline } from "poolwise/timeline"
import { inVirtualTime, sleepFor } from "poolwise/testing"

/** The legend's entries, left to right. */
const legend = (svg: string): Array<string> => {
  const group = /<g class="legend">([\s\S]*?)<\/g>/.exec(svg)
  return group === null ? [] : [...group[1]!.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!)
}

/** Each idle gap: its tooltip and the label drawn inside it ("" when none fits). */
const idleGaps = (svg: string) =>
  [...svg.matchAll(
    /<g class="idle">\s*<title>([^<]*)<\/title>\s*<rect [^>]*\/>\s*(?:<text [^>]*>([^<]*)<\/text>\s*)?<\/g>/g,
  )]
    .map(([, title, text]) => ({ title: title!, text: text ?? "" }))

const record = (run: "chunked" | "pooled") =>
  inVirtualTime(
    withTimeline(sleepFor, (task) =>
      run === "chunked"
        ? chunked([100, 300, 200], task, { chunkSize: 2 })
        : pooled([100, 300, 200], task, { concurrency: 2 })),
  ).pipe(Effect.map(([, timeline]) =>
    timeline
  ))

const span = (slot: number, start: number, end: number, outcome: "succeeded" | "failed" | "interrupted") => ({
  index: 0,
  label: "t",
  slot,
  start,
  end,
  outcome,
})

describe("the SVG legend lists only what the picture shows", () => {
  it.effect("a run where every task succeeded and no slot idled: only 'succeeded'", () =>
    Effect.gen(function* () {
      expect(legend(renderSvg(yield* record("pooled")))).toEqual(["succeeded"])
    }))

  it("a run with a failure and an interruption: those outcomes, in a fixed order", () => {
    const timeline: Timeline = {
      spans: [span(1, 0, 100, "interrupted"), span(2, 0, 100, "failed")],
      makespan: 100,
      peakInFlight: 2,
    }
    expect(legend(renderSvg(timeline))).toEqual(["failed", "interrupted"])
  })

  it("an empty timeline: no legend at all", () => {
    expect(renderSvg({ spans: [], makespan: 0, peakInFlight: 0 })).not.toContain(`class="legend"`)
  })
})

describe("a slot idle between two of its tasks", () => {
  it.effect("is drawn and labelled 'idle: waiting for the chunk' in chunked's panel, and listed in the legend", () =>
    Effect.gen(function* () {
      const svg = renderChunkedVsPooled({
        title: "seed",
        chunked: yield* record("chunked"),
        chunkSize: 2,
        pooled: yield* record("pooled"),
        concurrency: 2,
      })
      // Slot 1 ends task 1 at 100 and waits for task 2 (300) before the next chunk.
      expect(idleGaps(svg)).toEqual([
        { title: "idle: waiting for the chunk (slot 1, 100–300 ms)", text: "idle: waiting for the chunk" },
      ])
      expect(legend(svg)).toEqual(["succeeded", "idle: waiting for the chunk"])
    }))

  it.effect("never appears in pooled's picture: a freed slot takes the next task at once", () =>
    Effect.gen(function* () {
      const svg = renderSvg(yield* record("pooled"))
      expect(idleGaps(svg)).toEqual([])
    }))

  it("is called 'idle' unless told otherwise; a short gap shows 'idle' or nothing, its tooltip the whole label", () => {
    const timeline: Timeline = {
      spans: [
        span(1, 0, 100, "succeeded"),
        span(1, 140, 200, "succeeded"),
        span(1, 210, 300, "succeeded"),
        span(1, 700, 800, "succeeded"),
      ],
      makespan: 800,
      peakInFlight: 1,
    }
    expect(idleGaps(renderSvg(timeline, { msPerPixel: 1 }))).toEqual([
      { title: "idle (slot 1, 100–140 ms)", text: "idle" },
      { title: "idle (slot 1, 200–210 ms)", text: "" },
      { title: "idle (slot 1, 300–700 ms)", text: "idle" },
    ])
    const named = renderSvg(timeline, { msPerPixel: 1, idleLabel: "waiting for a connection" })
    expect(idleGaps(named)).toEqual([
      { title: "waiting for a connection (slot 1, 100–140 ms)", text: "idle" },
      { title: "waiting for a connection (slot 1, 200–210 ms)", text: "" },
      { title: "waiting for a connection (slot 1, 300–700 ms)", text: "waiting for a connection" },
    ])
    expect(legend(named)).toEqual(["succeeded", "waiting for a connection"])
  })
})

describe("a picture in another language (the options' words)", () => {
  const gappy: Timeline = {
    spans: [span(1, 0, 100, "succeeded"), span(1, 300, 400, "failed"), span(2, 0, 400, "interrupted")],
    makespan: 400,
    peakInFlight: 2,
  }
  const korean = {
    doneAt: (ms: string) => `${ms} ms에 끝남`,
    slot: (slot: number) => `슬롯 ${slot}`,
    idle: "대기",
    outcomes: { succeeded: "성공", failed: "실패", interrupted: "중단됨" },
  }

  it("draws the marker, the slots, the idle gap, its tooltip and the legend in those words", () => {
    const svg = renderSvg(gappy, { words: korean })
    expect(svg).toContain(">400 ms에 끝남</text>")
    expect(svg).toContain(">슬롯 2</text>")
    expect(idleGaps(svg)).toEqual([{ title: "대기 (슬롯 1, 100–300 ms)", text: "대기" }])
    expect(legend(svg)).toEqual(["성공", "실패", "중단됨", "대기"])
    expect(svg).not.toMatch(/done at|slot \d|>idle<|succeeded<|failed<|interrupted</)
  })

  it("leaves every word it is not given in English", () => {
    const svg = renderSvg(gappy, { words: { slot: (slot) => `슬롯 ${slot}` } })
    expect(svg).toContain(">done at 400 ms</text>")
    expect(legend(svg)).toEqual(["succeeded", "failed", "interrupted", "idle"])
  })

  it("spaces a legend of wide (Hangul) words further apart than one of as many narrow letters", () => {
    const xs = (svg: string) =>
      [.../<g class="legend">[\s\S]*?<\/g>/.exec(svg)![0].matchAll(/<text x="([\d.]+)"/g)].map(([, x]) => Number(x))
    const wide = xs(renderSvg(gappy, { words: { outcomes: { succeeded: "가나다라마", failed: "실패" } } }))
    const narrow = xs(renderSvg(gappy, { words: { outcomes: { succeeded: "abcde", failed: "xy" } } }))
    expect(wide[1]! - wide[0]!).toBeGreaterThan(narrow[1]! - narrow[0]!)
  })
})
