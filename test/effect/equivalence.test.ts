/**
 * The kit's `pooled` against Effect's own `Effect.forEach` with the same
 * `concurrency`: for any durations and any limit, every task starts at the
 * same virtual time. The kit's runner is a faster engine for the same
 * schedule, not a different schedule.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { pooled } from "poolwise"
import { startsByIndex } from "poolwise/timeline"
import { greedyStarts, predictTimeline, sleepFor } from "poolwise/testing"

// Durations in steps of 50 ms make ties (two slots freed at the same instant) common.
const durations = fc.array(fc.integer({ min: 1, max: 8 }).map((n) => n * 50), { minLength: 1, maxLength: 12 })
const limit = fc.integer({ min: 1, max: 6 })

describe.concurrent("pooled and Effect.forEach with the same concurrency (property tests in virtual time)", () => {
  it.effect.prop(
    "start every task at the same virtual time, the greedy schedule, and return the same results",
    { durations, limit },
    ({ durations, limit }) =>
      Effect.gen(function* () {
        const [fromForEach, forEach] = yield* predictTimeline((probe) =>
          Effect.forEach(durations, probe.task(sleepFor), { concurrency: limit })
        )
        const [fromPooled, pool] = yield* predictTimeline((probe) =>
          pooled(durations, probe.task(sleepFor), { concurrency: limit })
        )
        expect(startsByIndex(pool)).toEqual(startsByIndex(forEach))
        expect(startsByIndex(pool)).toEqual(greedyStarts(durations, limit))
        expect(pool.makespan).toBe(forEach.makespan)
        expect(pool.peakInFlight).toBe(forEach.peakInFlight)
        expect(fromPooled).toEqual(fromForEach)
      }),
    { fastCheck: { numRuns: 40 } },
  )
})
