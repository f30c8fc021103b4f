import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, FastCheck as fc, Fiber, TestClock } from "effect"
import { pooled } from "poolwise"
import { makeRecorder, type Span, type Timeline, withTimeline } from "poolwise/timeline"
import { inVirtualTime } from "poolwise/testing"

/** A task that starts `at` ms into the run and takes `takes` ms. */
interface Planned {
  readonly at: number
  readonly takes: number
}

/** Starts every planned task at its own time (no limit) and records the run under TestClock. */
const recordPlanned = (plan: ReadonlyArray<Planned>) =>
  inVirtualTime(
    withTimeline(
      ({ takes }: Planned) => Effect.sleep(takes),
      (task) =>
        Effect.forEach(plan, (planned, index) => Effect.delay(task(planned, index), planned.at), {
          concurrency: "unbounded",
        }),
    ),
  ).pipe(Effect.map(([, timeline]) => timeline))

const slotsByIndex = (timeline: Timeline): Array<number> => {
  const slots: Array<number> = []
  for (const span of timeline.spans) slots[span.index] = span.slot
  return slots
}

/** The model: each task, in start order, takes the lowest slot no unfinished task holds. */
const lowestFreeSlots = (plan: ReadonlyArray<Planned>): Array<number> => {
  const held: Array<{ slot: number; until: number }> = []
  return plan.map(({ at, takes }) => {
    const busy = new Set(held.filter(({ until }) => until > at).map(({ slot }) => slot))
    let slot = 1
    while (busy.has(slot)) slot++
    held.push({ slot, until: at + takes })
    return slot
  })
}

/** Every slot runs one task at a time, and spans come by start time, then slot. */
const expectWellFormed = (spans: ReadonlyArray<Span>) => {
  const freeAt: Array<number> = []
  spans.forEach((span, i) => {
    const previous = spans[i - 1]
    if (previous !== undefined) {
      expect(previous.start < span.start || (previous.start === span.start && previous.slot < span.slot)).toBe(true)
    }
    expect(span.start).toBeGreaterThanOrEqual(freeAt[span.slot] ?? 0)
    freeAt[span.slot] = span.end
  })
}

describe("the recorder's slots", () => {
  it.effect("gives each task the lowest slot free when it starts, 1-based, reusing freed slots lowest first", () =>
    Effect.gen(function* () {
      const timeline = yield* recordPlanned([
        { at: 0, takes: 300 }, // slot 1 until 300
        { at: 0, takes: 100 }, // slot 2 until 100
        { at: 0, takes: 50 }, // slot 3 until 50
        { at: 0, takes: 500 }, // slot 4 until 500
        { at: 150, takes: 500 }, // slots 3 then 2 were freed: takes 2
        { at: 160, takes: 500 }, // then 3
        { at: 170, takes: 500 }, // 1, 2, 3, 4 busy: a new slot, 5
        { at: 310, takes: 100 }, // slot 1 freed at 300
      ])
      expect(slotsByIndex(timeline)).toEqual([1, 2, 3, 4, 2, 3, 5, 1])
      expect(timeline.peakInFlight).toBe(5)
      expect(timeline.makespan).toBe(670)
    }))

  it.effect("frees the slot of a task that fails or is interrupted: the next task takes slot 1 again", () =>
    Effect.gen(function* () {
      const recorder = yield* makeRecorder
      const task = recorder.record((ms: number) => ms === 100 ? Effect.delay(Effect.fail("no"), ms) : Effect.sleep(ms))
      const failing = yield* Effect.fork(Effect.either(pooled([300, 100], task, { concurrency: 2 })))
      yield* TestClock.adjust(100)
      yield* Fiber.join(failing)
      expect(yield* recorder.inFlight).toBe(0)
      const next = yield* Effect.fork(task(50, 2))
      yield* TestClock.adjust(50)
      yield* Fiber.join(next)
      const { spans } = yield* recorder.timeline
      expect(spans.map(({ index, slot, outcome }) => [index, slot, outcome])).toEqual([
        [0, 1, "interrupted"],
        [1, 2, "failed"],
        [2, 1, "succeeded"],
      ])
    }))

  it.effect.prop(
    "matches the lowest-free-slot model for any start times and durations",
    { plan: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 40 }), takes: fc.integer({ min: 0, max: 150 }) })) },
    ({ plan }) =>
      Effect.gen(function* () {
        // Starts even, ends odd: no task ends at the very moment another starts.
        let at = 0
        const planned = plan.map(({ gap, takes }) => ({ at: at += 2 * gap, takes: 2 * takes + 1 }))
        const timeline = yield* recordPlanned(planned)
        const model = lowestFreeSlots(planned)
        expect(slotsByIndex(timeline)).toEqual(model)
        expect(timeline.peakInFlight).toBe(Math.max(0, ...model))
      }),
    { fastCheck: { numRuns: 30 } },
  )
})

/**
 * A clock that moves on `step` ms every time it is read: every start and end
 * gets its own time, in the order they happened, with no timers to wait for.
 */
const tickingClock = (step = 1): Clock.Clock => {
  let now = 0
  const tick = () => (now += step)
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: tick,
    currentTimeMillis: Effect.sync(tick),
    unsafeCurrentTimeNanos: () => BigInt(tick()) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(tick()) * 1_000_000n),
    sleep: () => Effect.void,
  }
}

describe("recording at scale", () => {
  it.effect("records 100,000 tasks at concurrency 8: each once, in slots 1–8, no slot running two at once", () =>
    Effect.gen(function* () {
      const tasks = 100_000
      const items = Array.from({ length: tasks }, (_, i) => i)
      const [results, timeline] = yield* withTimeline(
        (n: number) => Effect.as(Effect.yieldNow(), n),
        (task) => pooled(items, task, { concurrency: 8 }),
      ).pipe(Effect.withClock(tickingClock()))
      expect(results).toEqual(items)
      expect(timeline.spans).toHaveLength(tasks)
      expect(new Set(timeline.spans.map((span) => span.index)).size).toBe(tasks)
      expect(timeline.peakInFlight).toBe(8)
      expect(new Set(timeline.spans.map((span) => span.slot))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]))
      expectWellFormed(timeline.spans)
      let latest = 0
      for (const span of timeline.spans) latest = Math.max(latest, span.end)
      expect(timeline.makespan).toBe(latest)
    }))

  it.effect("orders spans by start time, then slot, even when the clock runs backwards", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* withTimeline(
        (n: number) => Effect.as(Effect.yieldNow(), n),
        (task) => pooled([1, 2, 3, 4, 5, 6], task, { concurrency: 3 }),
      ).pipe(Effect.withClock(tickingClock(-1)))
      expect(timeline.spans).toHaveLength(6)
      // Each task started earlier than the one before, by the clock: the list is the other way round.
      const starts = timeline.spans.map((span) => span.start)
      expect(starts).toEqual([...starts].sort((a, b) => a - b))
      expect(timeline.spans.map((span) => span.index)).toEqual([5, 4, 3, 2, 1, 0])
    }))

  it.effect("hands out a snapshot: spans recorded later do not change a timeline already read", () =>
    Effect.gen(function* () {
      const recorder = yield* makeRecorder
      const task = recorder.record((ms: number) => Effect.sleep(ms))
      const fiber = yield* Effect.fork(pooled([100, 300, 200], task, { concurrency: 2 }))
      yield* TestClock.adjust(150)
      const early = yield* recorder.timeline
      expect(yield* recorder.inFlight).toBe(2)
      yield* TestClock.adjust(1_000)
      yield* Fiber.join(fiber)
      const late = yield* recorder.timeline
      expect(early.spans.map((span) => span.index)).toEqual([0])
      expect(early.makespan).toBe(100)
      expect(late.spans.map((span) => span.index)).toEqual([0, 1, 2])
      expect(yield* recorder.inFlight).toBe(0)
    }))
})
