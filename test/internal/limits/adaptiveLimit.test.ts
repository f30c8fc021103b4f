/**
 * The adaptive limit against the simulated service, in virtual time: a crew
 * of workers gated by the live limit the decisions drive, calling a service
 * whose latency is 100 ms up to C = 50 in flight and grows past it, and which
 * refuses past 60. Every figure is exact (TestClock); the fixed limits it is
 * compared with come from a sweep of the pure model, which the first tests
 * prove gives the same runs as the driver.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { simulatePool, sweepFixedLimits } from "../../../src/internal/limits/poolModel.ts"
import {
  chapterAdaptive,
  dropAt,
  droppingProfile,
  dropTasks,
  noisyProfile,
  sweepLimits,
  sweepTasks,
} from "../../../src/internal/limits/scenarios.ts"
import { defaultProfile, type ServiceProfile } from "../../../src/internal/limits/serviceProfile.ts"
import { adaptiveRun, fixedRun, rangeAfter, settledAt } from "./support/runs.ts"

const C = defaultProfile.capacity
/** ±20 % of C. */
const band = [0.8 * C, 1.2 * C] as const
/** The defaults, from 1, at most 100: chapter 10's adaptive limit. */
const gradient = chapterAdaptive

describe("the pool model computes what the driver runs", () => {
  it.effect.each([10, 50, 55, 70])(
    "a fixed limit of %d over 600 tasks: same makespan, refusals and peak in flight",
    (limit) =>
      Effect.gen(function* () {
        const run = yield* fixedRun(600, defaultProfile, limit)
        const model = simulatePool(600, defaultProfile, limit)
        expect(run).toEqual(model)
        if (limit > defaultProfile.hardCap) expect(run.refusals).toBeGreaterThan(0)
      }),
  )

  it.effect("an adaptive limit over 2,000 tasks with a drop of C: the same limit at the same moments", () =>
    Effect.gen(function* () {
      const profile = { ...defaultProfile, changes: [{ at: 2_000, capacity: 25, hardCap: 30 }] }
      const run = yield* adaptiveRun(2_000, profile, gradient)
      expect(run).toEqual(simulatePool(2_000, profile, gradient))
      expect(run.limits.length).toBeGreaterThan(10)
    }))
})

describe("an adaptive limit (gradient) finds C from min, over 10,000 tasks", () => {
  const sweep = sweepFixedLimits(sweepTasks, defaultProfile, sweepLimits)

  it("the sweep of fixed limits 1 to 80: the best is C = 50, at the ideal makespan of 20 s", () => {
    expect(sweep.best).toEqual({ limit: 50, makespan: 20_000 })
    // Past the hard cap a fixed limit gains nothing and is refused all along.
    expect(sweep.points[79]!.makespan).toBeGreaterThanOrEqual(20_000)
    expect(sweep.points[79]!.refusals).toBeGreaterThan(10_000)
  })

  it.effect(
    "it never leaves [min, max]; it is within ±20 % of C by 1 s and stays; its makespan is within 1.15× of the best fixed limit; it is refused only while probing",
    () =>
      Effect.gen(function* () {
        const run = yield* adaptiveRun(sweepTasks, defaultProfile, gradient)
        expect(run).toEqual(simulatePool(sweepTasks, defaultProfile, gradient)) // so the sweep compares like with like
        expect(run.limits.every(({ limit }) => limit >= 1 && limit <= 100)).toBe(true)
        expect(run.peakInFlight).toBeLessThanOrEqual(100)

        const settled = settledAt(run.limits, ...band)
        expect(settled).toBeDefined()
        expect(settled!).toBeLessThanOrEqual(1_000)
        const [low, high] = rangeAfter(run.limits, settled!)
        expect(low).toBeGreaterThanOrEqual(band[0])
        expect(high).toBeLessThanOrEqual(band[1])

        expect(run.makespan / sweep.best.makespan).toBeLessThanOrEqual(1.15)
        // Doubling from 1 overshoots the hard cap once (32 → 64): those refusals, and none after it settles.
        expect(run.refusals).toBeGreaterThan(0)
        expect(run.refusedAt.every((at) => at <= settled!)).toBe(true)
      }),
  )
})

describe("a noisy service (each call 100 ms ± 50 %): the noise does not read as a queue", () => {
  it.effect("the driver runs what the model computes, noise included", () =>
    Effect.gen(function* () {
      const run = yield* adaptiveRun(sweepTasks, noisyProfile(1), gradient)
      expect(run).toEqual(simulatePool(sweepTasks, noisyProfile(1), gradient))
    }))

  // Five draws of the noise, from min (the chapter's limit) and from 10 (the CLI's --concurrency auto).
  it.each([1, 2, 3, 4, 5].flatMap((seed) => [[seed, 1], [seed, 10]] as const))(
    "seed %d, from %d: within ±20 % of C by 2 s and stays (but for the hard cap's own probe, cut within 5 ms); makespan within 1.2× of the best fixed limit",
    (seed, initial) => {
      const profile = noisyProfile(seed)
      const run = simulatePool(sweepTasks, profile, { ...gradient, initial })
      expect(run.limits.every(({ limit }) => limit >= 1 && limit <= 100)).toBe(true)
      // Past the hard cap (60) only while its refusal comes back: the limit that probes it is 61.
      const settled = settledAt(run.limits, band[0], profile.hardCap + 1)
      expect(settled).toBeDefined()
      expect(settled!).toBeLessThanOrEqual(2_000)
      const [low, high] = rangeAfter(run.limits, settled!)
      expect(low).toBeGreaterThanOrEqual(band[0])
      expect(high).toBeLessThanOrEqual(profile.hardCap + 1)
      run.limits.forEach((point, i) => {
        const until = run.limits[i + 1]?.at ?? run.makespan
        if (point.at >= settled! && point.limit > band[1]) expect(until - point.at).toBeLessThanOrEqual(5)
      })
      const best = sweepFixedLimits(sweepTasks, profile, sweepLimits).best
      expect(run.makespan / best.makespan).toBeLessThanOrEqual(1.2)
    },
  )
})

describe("when C drops mid-run, it follows", () => {
  it.effect("C 50 → 25 (refusals past 30) at 10 s: within ±20 % of 25 in under 500 ms, and it stays there", () =>
    Effect.gen(function* () {
      const run = yield* adaptiveRun(dropTasks, droppingProfile, gradient)
      expect(run).toEqual(simulatePool(dropTasks, droppingProfile, gradient)) // the run chapter 10 draws
      const before = settledAt(run.limits.filter(({ at }) => at < dropAt), ...band)
      expect(before).toBeDefined()
      const after = settledAt(run.limits, 20, 30, dropAt)
      expect(after).toBeDefined()
      expect(after! - dropAt).toBeLessThan(500)
      const [low, high] = rangeAfter(run.limits, after!)
      expect([low >= 20, high <= 30]).toEqual([true, true])
      // Refused while the drop is being followed, never once it has been.
      expect(run.refusedAt.filter((at) => at > dropAt && at <= after!).length).toBeGreaterThan(0)
      expect(run.refusedAt.filter((at) => at > after!)).toEqual([])
    }))
})

describe("bounds and the loss-only variant", () => {
  it.effect("max binds: with max 30 below C it climbs to 30 and never past it, in flight included", () =>
    Effect.gen(function* () {
      const run = yield* adaptiveRun(2_000, defaultProfile, { ...gradient, max: 30 })
      expect(Math.max(...run.limits.map(({ limit }) => limit))).toBe(30)
      expect(run.peakInFlight).toBe(30)
    }))

  it.effect("min binds: with min 20 over a service of C = 10, it never goes below 20", () =>
    Effect.gen(function* () {
      const small: ServiceProfile = { baseLatency: 100, capacity: 10, hardCap: 40, refusalLatency: 5 }
      const run = yield* adaptiveRun(2_000, small, { ...gradient, min: 20, initial: 20, max: 40 })
      const limits = run.limits.map(({ limit }) => limit)
      expect(Math.min(...limits)).toBe(20)
      expect(Math.max(...limits)).toBeLessThanOrEqual(40)
    }))

  it.effect("aimd against a service that only refuses (20 at once, no queue): it backs off at each refusal and keeps within 0.9 × 20 and 20 + 1", () =>
    Effect.gen(function* () {
      const capped: ServiceProfile = { baseLatency: 100, capacity: 20, hardCap: 20, refusalLatency: 5 }
      const aimd = { ...gradient, algorithm: "aimd" } as const
      const run = yield* adaptiveRun(3_000, capped, aimd)
      expect(run).toEqual(simulatePool(3_000, capped, aimd))
      const settled = settledAt(run.limits, 18, 21)
      expect(settled!).toBeLessThanOrEqual(1_000)
      const best = sweepFixedLimits(3_000, capped, Array.from({ length: 30 }, (_, i) => i + 1)).best
      expect(best.limit).toBe(20)
      expect(run.makespan / best.makespan).toBeLessThanOrEqual(1.15)
      // AIMD keeps probing the cap: a few refusals every round trip or so, the price of having no latency signal.
      expect(run.refusedAt.filter((at) => at > settled!).length).toBeGreaterThan(0)
    }))
})
