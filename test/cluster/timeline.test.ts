import { describe, expect, it } from "@effect/vitest"
import { renderGantt, renderSvg, type Span } from "poolwise/timeline"
import { type PageAttempt, runnerLegend, runnerTimeline } from "poolwise/cluster"

const at = (ms: number) => new Date(1_700_000_000_000 + ms)

const ended = (page: number, runner: string, start: number, end: number, failed = 0): PageAttempt => ({
  page,
  runner,
  startedAt: at(start),
  endedAt: at(end),
  updated: 25 - failed,
  failed,
})

const cutOff = (page: number, runner: string, start: number): PageAttempt => ({
  page,
  runner,
  startedAt: at(start),
  endedAt: null,
  updated: null,
  failed: null,
})

// Three runners, two pages at a time each; runner :9 is killed at 250 ms with p4 and p5 in flight,
// which run again on :10 and :11. Out of order on purpose, and :10 sorts after :9 by number, not text.
const killedRun: ReadonlyArray<PageAttempt> = [
  ended(1, "h:10", 0, 200),
  ended(0, "h:9", 0, 200),
  ended(2, "h:9", 10, 190),
  ended(3, "h:10", 20, 220),
  ended(6, "h:11", 30, 230),
  cutOff(4, "h:9", 200),
  cutOff(5, "h:9", 190),
  ended(7, "h:11", 230, 400, 3),
  ended(4, "h:10", 600, 800),
  ended(5, "h:11", 610, 790),
]
const killedAt = new Map([["h:9", at(250)]])

const overlapping = (a: Span, b: Span) => a.start < b.end && b.start < a.end

describe("runnerTimeline: page attempts as a timeline with rows per runner", () => {
  it("gives each runner its own rows, in order of name with ports compared as numbers", () => {
    const { rows } = runnerTimeline(killedRun, { cutOffAt: killedAt })
    expect(rows).toEqual([
      { runner: "h:9", firstSlot: 1, lastSlot: 2 },
      { runner: "h:10", firstSlot: 3, lastSlot: 4 },
      { runner: "h:11", firstSlot: 5, lastSlot: 5 },
    ])
    expect(runnerLegend(rows)).toBe("slots 1-2: h:9 · slots 3-4: h:10 · slot 5: h:11")
  })

  it("keeps the rows the same whatever order the attempts come in", () => {
    const forward = runnerTimeline(killedRun, { cutOffAt: killedAt })
    const backward = runnerTimeline([...killedRun].reverse(), { cutOffAt: killedAt })
    expect(backward.rows).toEqual(forward.rows)
    const drawn = (spans: ReadonlyArray<Span>) =>
      spans.map(({ label, slot, start, end }) => ({ label, slot, start, end }))
    expect(drawn(backward.timeline.spans)).toEqual(drawn(forward.timeline.spans))
  })

  it("puts every attempt in its runner's rows, never two overlapping in one row", () => {
    const { rows, timeline } = runnerTimeline(killedRun, { cutOffAt: killedAt })
    expect(timeline.spans).toHaveLength(killedRun.length)
    for (const span of timeline.spans) {
      const runner = killedRun[span.index]!.runner
      const own = rows.find((row) => row.runner === runner)!
      expect(span.slot).toBeGreaterThanOrEqual(own.firstSlot)
      expect(span.slot).toBeLessThanOrEqual(own.lastSlot)
      for (const other of timeline.spans) {
        if (other !== span && other.slot === span.slot) expect(overlapping(span, other)).toBe(false)
      }
    }
  })

  it("draws a cut-off attempt as interrupted, ending when its runner was killed", () => {
    const { timeline } = runnerTimeline(killedRun, { cutOffAt: killedAt })
    const interrupted = timeline.spans.filter((span) => span.outcome === "interrupted")
    expect(interrupted.map(({ label, start, end }) => ({ label, start, end }))).toEqual([
      { label: "p5", start: 190, end: 250 },
      { label: "p4", start: 200, end: 250 },
    ])
    expect(timeline.spans.find((span) => span.label === "p7")!.outcome).toBe("failed")
    expect(timeline.spans.filter((span) => span.outcome === "succeeded")).toHaveLength(7)
  })

  it("without a kill time, ends a cut-off attempt at its runner's last ended attempt, else at the run's end", () => {
    const lastSign = runnerTimeline([ended(0, "h:1", 0, 300), cutOff(1, "h:1", 100), ended(2, "h:2", 0, 900)])
    expect(lastSign.timeline.spans.find((span) => span.label === "p1")!.end).toBe(300)
    const neverEnded = [cutOff(0, "h:1", 100), ended(1, "h:2", 0, 900)]
    expect(runnerTimeline(neverEnded).timeline.spans.find((span) => span.label === "p0")!.end).toBe(900)
    expect(runnerTimeline(neverEnded, { runEnd: at(1_000) }).timeline.spans[1]!.end).toBe(1_000)
  })

  it("measures from the first start: makespan is the last end, peak counts all runners together", () => {
    const { timeline } = runnerTimeline(killedRun, { cutOffAt: killedAt })
    expect(timeline.spans[0]!.start).toBe(0)
    expect(timeline.makespan).toBe(800)
    // At 30 ms: p0, p2 on :9, p1, p3 on :10, p6 on :11.
    expect(timeline.peakInFlight).toBe(5)
    expect(timeline.spans.map((span) => span.start)).toEqual([...timeline.spans.map((span) => span.start)].sort(
      (a, b) => a - b,
    ))
  })

  it("is drawn by the kit's renderers, one row per lane", () => {
    const { timeline } = runnerTimeline(killedRun, { cutOffAt: killedAt })
    const gantt = renderGantt(timeline, { msPerCell: 10 })
    expect(gantt.split("\n")).toHaveLength(6)
    expect(gantt).toContain("[p5~~]")
    expect(renderSvg(timeline)).toContain(">slot 5<")
  })

  it("turns no attempts into an empty timeline", () => {
    expect(runnerTimeline([])).toEqual({ timeline: { spans: [], makespan: 0, peakInFlight: 0 }, rows: [] })
  })
})
