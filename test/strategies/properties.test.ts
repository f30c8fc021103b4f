import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { chunked, pooled } from "poolwise"
import { startsByIndex } from "poolwise/timeline"
import { chunkedStarts, greedyStarts, makespanOf, predictTimeline, sleepFor } from "poolwise/testing"

const durations = fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 10 })
const limit = fc.integer({ min: 1, max: 6 })
// 30 runs each, concurrently: on a loaded machine (Deno running the whole suite)
// they can pass the suite's 120 s limit; a hang still fails, at 10 minutes.
const runs = { fastCheck: { numRuns: 30 }, timeout: 600_000 }

describe.concurrent("pooled, for any durations and any limit (property tests in virtual time)", () => {
  it.effect.prop(
    "starts every task when a greedy list scheduler would: the earliest free slot, in input order",
    { durations, limit },
    ({ durations, limit }) =>
      Effect.gen(function* () {
        const [, timeline] = yield* predictTimeline((probe) =>
          pooled(durations, probe.task(sleepFor), { concurrency: limit })
        )
        const model = greedyStarts(durations, limit)
        expect(startsByIndex(timeline)).toEqual(model)
        expect(timeline.makespan).toBe(makespanOf(model, durations))
      }),
    runs,
  )

  it.effect.prop(
    "is never slower than chunked with the same limit",
    { durations, limit },
    ({ durations, limit }) =>
      Effect.gen(function* () {
        const [, pooledRun] = yield* predictTimeline((probe) =>
          pooled(durations, probe.task(sleepFor), { concurrency: limit })
        )
        const [, chunkedRun] = yield* predictTimeline((probe) =>
          chunked(durations, probe.task(sleepFor), { chunkSize: limit })
        )
        expect(pooledRun.makespan).toBeLessThanOrEqual(chunkedRun.makespan)
        expect(startsByIndex(chunkedRun)).toEqual(chunkedStarts(durations, limit))
      }),
    runs,
  )

  it.effect.prop(
    "never has more tasks in flight than the limit, and fills the limit when there is enough work",
    { durations, limit },
    ({ durations, limit }) =>
      Effect.gen(function* () {
        const [, timeline] = yield* predictTimeline((probe) =>
          pooled(durations, probe.task(sleepFor), { concurrency: limit })
        )
        expect(timeline.peakInFlight).toBe(Math.min(limit, durations.length))
        expect(Math.max(...timeline.spans.map((span) => span.slot))).toBeLessThanOrEqual(limit)
      }),
    runs,
  )

  it.effect.prop(
    "returns results in input order, whatever order the tasks finish in",
    { durations, limit },
    ({ durations, limit }) =>
      Effect.gen(function* () {
        const [results] = yield* predictTimeline((probe) =>
          pooled(durations, probe.task(sleepFor), { concurrency: limit })
        )
        expect(results).toEqual(durations)
      }),
    runs,
  )

  it.effect.prop(
    "with a limit ≥ n takes as long as the longest task; with a limit of 1, the sum of all tasks",
    { durations, extra: fc.integer({ min: 0, max: 5 }) },
    ({ durations, extra }) =>
      Effect.gen(function* () {
        const [, wide] = yield* predictTimeline((probe) =>
          pooled(durations, probe.task(sleepFor), { concurrency: durations.length + extra })
        )
        expect(wide.makespan).toBe(Math.max(...durations))
        const [, serial] = yield* predictTimeline((probe) =>
          pooled(durations, probe.task(sleepFor), { concurrency: 1 })
        )
        expect(serial.makespan).toBe(durations.reduce((a, b) => a + b, 0))
      }),
    runs,
  )
})
