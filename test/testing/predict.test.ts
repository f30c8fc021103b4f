/**
 * poolwise/testing's recorder and assertions, on a service of the user's own:
 * a catalogue that refreshes prices through a client, with a Semaphore.
 */
import { describe, expect, it } from "@effect/vitest"
import { Context, Effect } from "effect"
import {
  assertDoneAt,
  assertMakespan,
  assertPeakInFlight,
  assertStarts,
  chunkedStarts,
  greedyStarts,
  makespanOf,
  predictTimeline,
  ScheduleMismatch,
  sleepFor,
  startsByLabel,
} from "poolwise/testing"

class PriceClient extends Context.Tag("PriceClient")<PriceClient, {
  readonly fetch: (sku: string) => Effect.Effect<number>
}>() {}

/** The code under test: every price, with at most 2 requests to the supplier at once. */
const refreshPrices = (skus: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const client = yield* PriceClient
    const supplier = yield* Effect.makeSemaphore(2)
    return yield* Effect.forEach(skus, (sku) => supplier.withPermits(1)(client.fetch(sku)), {
      concurrency: "unbounded",
    })
  })

const latency: Record<string, number> = { apple: 100, pear: 300, plum: 200 }

describe("predictTimeline: the schedule of your own service", () => {
  it.effect("probe.calls records each call of a service method, labelled as you choose", () =>
    Effect.gen(function* () {
      const [prices, timeline] = yield* predictTimeline((probe) =>
        refreshPrices(["apple", "pear", "plum"]).pipe(
          Effect.provideService(PriceClient, {
            fetch: probe.calls((sku: string) => Effect.as(Effect.sleep(latency[sku]!), sku.length), (sku) => sku),
          }),
        )
      )
      expect(prices).toEqual([5, 4, 4])
      yield* assertStarts(timeline, { apple: 0, pear: 0, plum: 100 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 2)
      // Calls are numbered 0, 1, 2 in the order they start; the default label would be 1-based.
      expect(timeline.spans.map((span) => [span.index, span.label])).toEqual([[0, "apple"], [1, "pear"], [2, "plum"]])
    }))

  it.effect("probe.task keeps the runner's 0-based index; its default label is 1-based", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.forEach([300, 100, 200], probe.task(sleepFor), { concurrency: 2 })
      )
      expect(timeline.spans.map((span) => [span.index, span.label, span.start])).toEqual([
        [0, "1", 0],
        [1, "2", 0],
        [2, "3", 100],
      ])
      expect(startsByLabel(timeline)).toEqual({ "1": 0, "2": 0, "3": 100 })
    }))

  it.effect("a failing program fails with its own error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(predictTimeline(() => Effect.fail("nope" as const)))
      expect(error).toBe("nope")
    }))
})

describe("assertions fail with a ScheduleMismatch that names what differed and draws the schedule", () => {
  const prediction = predictTimeline((probe) =>
    Effect.forEach([100, 300, 200], probe.task(sleepFor), { concurrency: 2 })
  )

  it.effect("assertMakespan", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* prediction
      yield* assertMakespan(timeline, 300)
      const error = yield* Effect.flip(assertMakespan(timeline, 500))
      expect(error).toBeInstanceOf(ScheduleMismatch)
      expect(error.message.split("\n")).toEqual([
        "makespan (ms): expected 500, got 300",
        "slot 1 [1=================][3=====================================]",
        "slot 2 [2=========================================================]",
        "       0                   100                 200                 300 ms",
      ])
    }))

  it.effect("assertPeakInFlight, data-last as well", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* prediction
      yield* assertPeakInFlight(2)(timeline)
      expect((yield* Effect.flip(assertPeakInFlight(timeline, 3))).message).toMatch(
        /^peak in flight: expected 3, got 2\n/,
      )
    }))

  it.effect("assertStarts, by 0-based index or by label, and no other task may have run", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* prediction
      yield* assertStarts(timeline, [0, 0, 100])
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      expect((yield* Effect.flip(assertStarts(timeline, [0, 0, 300]))).message).toMatch(
        /^starts by index \(ms\): expected \[0,0,300\], got \[0,0,100\]\n/,
      )
      expect((yield* Effect.flip(assertStarts(timeline, { "1": 0, "2": 0 }))).message).toMatch(
        /^starts by label \(ms\): expected \{"1":0,"2":0\}, got \{"1":0,"2":0,"3":100\}\n/,
      )
    }))

  it.effect("assertDoneAt: not done at ms − 1, done at ms; succeeds with the value", () =>
    Effect.gen(function* () {
      const sequential = Effect.forEach([100, 300, 200], sleepFor)
      expect(yield* assertDoneAt(sequential, 600)).toEqual([100, 300, 200])
      expect(yield* sequential.pipe(assertDoneAt(600))).toEqual([100, 300, 200])
      const error = yield* Effect.flip(assertDoneAt(sequential, 300))
      expect(error.message).toBe("done at (ms): expected 300, got 600")
    }))
})

describe("reference schedules, computed without running anything (start times by 0-based index)", () => {
  it("greedyStarts: each task, in input order, takes the slot that frees first", () => {
    expect(greedyStarts([100, 300, 200], 2)).toEqual([0, 0, 100])
    expect(greedyStarts([120, 40, 80, 60, 30, 90], 2)).toEqual([0, 0, 40, 120, 120, 150])
    expect(greedyStarts([5, 5], 10)).toEqual([0, 0])
  })

  it("chunkedStarts: chunk k starts when the longest task of chunk k − 1 ends", () => {
    expect(chunkedStarts([100, 300, 200], 2)).toEqual([0, 0, 300])
    expect(chunkedStarts([1, 2, 3, 4, 5], 2)).toEqual([0, 0, 2, 2, 6])
  })

  it("makespanOf: the last end; linear, and safe on 1,000,000 tasks", () => {
    expect(makespanOf([0, 0, 100], [100, 300, 200])).toBe(300)
    const many = Array.from({ length: 1_000_000 }, () => 1)
    expect(makespanOf(greedyStarts(many, 4), many)).toBe(250_000)
  })
})
