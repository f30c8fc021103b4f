/**
 * The adaptive limit's decisions, driven by hand: no clock, no fibers. Each
 * test feeds starts and ends and reads the limit the state machine answers.
 */
import { describe, expect, it } from "@effect/vitest"
import { ended, started } from "../../../src/internal/limits/adaptiveDecisions.ts"
import {
  type AdaptiveSettings,
  type AdaptiveState,
  initialState,
  type Outcome,
  type Ticket,
} from "../../../src/internal/limits/adaptiveState.ts"

const settings = (changes: Partial<AdaptiveSettings> = {}): AdaptiveSettings => ({
  algorithm: "gradient",
  min: 1,
  max: 100,
  initial: 1,
  backoff: 0.9,
  tolerance: 0.1,
  ...changes,
})

/** Starts `state.limit` tasks at `at`, ends them all at `at + latency` with `outcome`: one round. */
const round = (state: AdaptiveState, at: number, latency: number, outcome: Outcome = "success"): AdaptiveState => {
  const tickets: Array<Ticket> = []
  let s = state
  for (let i = 0; i < state.limit; i++) {
    const [next, ticket] = started(s, at)
    s = next
    tickets.push(ticket)
  }
  for (const ticket of tickets) s = ended(s, ticket, at + latency, outcome)
  return s
}

describe("growing", () => {
  it("while probing the limit doubles each round of quiet latency: 1, 2, 4, 8, 16", () => {
    let s = initialState(settings())
    const limits = [s.limit]
    for (let i = 0; i < 4; i++) limits.push((s = round(s, i * 100, 100)).limit)
    expect(limits).toEqual([1, 2, 4, 8, 16])
    expect(s.probing).toBe(true)
    expect(s.baseline).toBe(100)
  })

  it("a window is the first ⌈limit / 2⌉ tasks started under the current limit: it closes when they have ended", () => {
    let s = { ...initialState(settings({ initial: 10 })), probing: false }
    const tickets: Array<Ticket> = []
    for (let i = 0; i < 10; i++) {
      const [next, ticket] = started(s, 0)
      s = next
      tickets.push(ticket)
    }
    // The 6th to 10th end first (faster): they are not the window, which waits for the first five.
    for (let i = 5; i < 10; i++) s = ended(s, tickets[i]!, 50, "success")
    for (let i = 0; i < 4; i++) s = ended(s, tickets[i]!, 100, "success")
    expect([s.limit, s.samples]).toEqual([10, 4])
    s = ended(s, tickets[4]!, 100, "success")
    expect([s.limit, s.samples, s.epoch]).toEqual([11, 0, 1]) // the 5th closes it: +1 after probing
  })

  it("a window's straggler counts at the time it has taken so far, once the epoch has ended 4 × the window's size", () => {
    let s = round(initialState(settings({ initial: 20 })), 0, 100) // baseline 100, limit 40, window of 20
    s = { ...s, probing: false }
    const tickets: Array<Ticket> = []
    for (let i = 0; i < 100; i++) {
      const [next, ticket] = started(s, 100)
      s = next
      tickets.push(ticket)
    }
    for (let i = 1; i < 80; i++) s = ended(s, tickets[i]!, 200, "success") // the window but its first task, and more
    expect([s.limit, s.epoch]).toEqual([40, 1])
    // The 80th of the epoch to end: the straggler has taken 2,000 ms so far; the window's mean is
    // (19 × 100 + 2,000) / 20 = 195, and 40 × 110 / 195 = 22.6.
    s = ended(s, tickets[80]!, 2_100, "success")
    expect([s.epoch, s.reason, s.limit]).toEqual([2, "queue", 23])
  })

  it("tasks started before a change do not speak for the new limit; their overload cuts once, unless a cut came after they started", () => {
    let s = initialState(settings({ initial: 4 }))
    const window: Array<Ticket> = []
    for (let i = 0; i < 2; i++) {
      const [next, ticket] = started(s, 0)
      s = next
      window.push(ticket)
    }
    const [s1, old] = started(s, 0)
    const [s2, older] = started(s1, 0)
    s = s2
    for (const ticket of window) s = ended(s, ticket, 100, "success") // the window closes, the limit doubles to 8
    expect(s.limit).toBe(8)
    const epoch = s.epoch
    s = ended(s, old, 5_000, "success") // an old task, very slow: ignored
    expect([s.limit, s.samples, s.epoch]).toEqual([8, 0, epoch])
    // An overload of a task started before the limit merely grew: the limit it grew from was already too high.
    s = ended(s, old, 5_000, "overload")
    expect([s.limit, s.reason]).toEqual([7, "overload"])
    // Another task started before that cut: no second cut for the same overload.
    s = ended(s, older, 5_001, "overload")
    expect(s.limit).toBe(7)
  })

  it("with less than half the limit in demand, it holds instead of growing (an app-limited run proves nothing)", () => {
    let s = { ...initialState(settings({ initial: 10 })), probing: false }
    for (let i = 0; i < 5; i++) {
      const [next, ticket] = started(s, 0)
      s = ended(next, ticket, 100, "success") // one at a time: never more than 1 in flight
    }
    expect([s.limit, s.reason]).toEqual([10, "hold"])
  })
})

describe("the latency gradient", () => {
  it("latency within the tolerance (10 %) reads as no queue", () => {
    let s = round(initialState(settings({ initial: 8 })), 0, 100) // baseline 100, limit 16
    s = round({ ...s, probing: false }, 100, 110)
    expect([s.limit, s.reason]).toEqual([17, "grow"])
  })

  it("a queue shrinks the limit by (1 + tolerance) × baseline / latency: at 64 with latency 128, to 55", () => {
    let s = round(initialState(settings({ initial: 32 })), 0, 100) // baseline 100, limit 64
    expect(s.limit).toBe(64)
    s = round(s, 100, 128)
    expect([s.limit, s.reason, s.probing]).toEqual([55, "queue", false])
  })

  it("never cuts by more than half at once, and never below min", () => {
    let s = round(initialState(settings({ min: 5, initial: 40 })), 0, 100) // limit 80
    s = round(s, 100, 1_000)
    expect(s.limit).toBe(40)
    const limits: Array<number> = []
    for (let i = 0; i < 4; i++) limits.push((s = round(s, 1_000 * (i + 2), 1_000)).limit)
    expect(limits).toEqual([20, 10, 5, 5])
  })

  it("after 5 windows at min with latency still high, the baseline is reset to it: the service slowed down, not queued", () => {
    let s = round(initialState(settings({ min: 20, initial: 20 })), 0, 100) // baseline 100
    s = round(s, 1_000, 300) // the doubled 40 is cut back to 20
    for (let i = 0; i < 4; i++) s = round(s, 1_000 * (i + 2), 300)
    expect([s.limit, s.baseline, s.windowsAtMin]).toEqual([20, 100, 4])
    s = round(s, 6_000, 300) // the 5th window at min
    expect([s.baseline, s.reason]).toEqual([300, "baseline reset"])
    s = round(s, 10_000, 300)
    expect([s.limit, s.reason]).toEqual([21, "grow"])
  })
})

describe("overloads (AIMD)", () => {
  it("an overload multiplies the limit by backoff and ends probing; one cut per epoch", () => {
    let s = round(initialState(settings({ initial: 32 })), 0, 100) // limit 64
    const tickets: Array<Ticket> = []
    for (let i = 0; i < 3; i++) {
      const [next, ticket] = started(s, 100)
      s = next
      tickets.push(ticket)
    }
    s = ended(s, tickets[0]!, 105, "overload")
    expect([s.limit, s.probing, s.reason]).toEqual([58, false, "overload"])
    s = ended(s, tickets[1]!, 105, "overload") // same epoch as the first: no second cut
    expect(s.limit).toBe(58)
  })

  it("other failures are neither successes nor overloads: they leave the limit alone", () => {
    let s = initialState(settings({ initial: 4 }))
    s = round(s, 0, 100, "failure")
    expect([s.limit, s.samples, s.inFlight]).toEqual([4, 0, 0])
  })

  it("aimd ignores latency: it grows through a queue and shrinks only on overload", () => {
    let s = round(initialState(settings({ algorithm: "aimd", initial: 32 })), 0, 100)
    s = round(s, 100, 1_000)
    expect(s.limit).toBe(100) // probing doubled 64 to 128, clamped to max
    s = round(s, 1_100, 1_000, "overload")
    expect(s.limit).toBe(90)
  })

  it("never above max, never below min, whatever it is fed", () => {
    const seen = new Set<number>()
    let s = initialState(settings({ min: 3, max: 12, initial: 3 }))
    const outcomes: Array<Outcome> = ["success", "success", "overload", "success", "failure"]
    for (let i = 0; i < 600; i++) {
      // Quiet successes first (up to max), then overloads (down to min), then a mix.
      const outcome = i < 100 ? "success" : i < 200 ? "overload" : outcomes[i % outcomes.length]!
      s = round(s, i * 1_000, i < 200 ? 50 : 50 + ((i * 37) % 200), outcome)
      seen.add(s.limit)
    }
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(3)
    expect(Math.max(...seen)).toBeLessThanOrEqual(12)
    expect(seen.has(3) && seen.has(12)).toBe(true)
  })
})
