/**
 * An adaptive limit as a pooled run's concurrency, through the public runner,
 * in front of the simulated service (100 ms with no queue up to C = 50 in
 * flight, slower past it, refusals past 60), in virtual time. A task the
 * service refuses tries again itself (as the sync job's supplier calls do):
 * the runner sees its whole time, so the limit learns the refusals from the
 * latency they add.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Schedule } from "effect"
import { adaptive, type AdaptiveLimit, liveLimit, overloaded, pooled } from "poolwise"
import { inVirtualTime } from "poolwise/testing"
import { sweepFixedLimits } from "../../../src/internal/limits/poolModel.ts"
import { sweepLimits, sweepTasks } from "../../../src/internal/limits/scenarios.ts"
import { defaultProfile, type ServiceProfile } from "../../../src/internal/limits/serviceProfile.ts"
import { makeSimulatedService } from "../../../src/internal/limits/simulatedService.ts"
import { rangeAfter, settledAt } from "./support/runs.ts"

const C = defaultProfile.capacity

/** `tasks` calls through `pooled` with `limit`: makespan, refusals, and the limit's history since the start. */
const pooledRun = (tasks: number, profile: ServiceProfile, makeLimit: Effect.Effect<AdaptiveLimit, unknown>) =>
  inVirtualTime(Effect.gen(function* () {
    const service = yield* makeSimulatedService(profile)
    const limit = yield* Effect.orDie(makeLimit)
    const origin = yield* Clock.currentTimeMillis
    let peak = 0
    const refusedAt: Array<number> = []
    const call = Effect.suspend(() => {
      peak = Math.max(peak, service.inFlight() + 1)
      return service.call
    }).pipe(Effect.tapError(() => Effect.map(Clock.currentTimeMillis, (now) => refusedAt.push(now - origin))))
    const results = yield* pooled(
      Array.from({ length: tasks }, (_, i) => i),
      (i) => Effect.as(Effect.retry(call, Schedule.forever), i),
      { concurrency: limit },
    )
    const makespan = (yield* Clock.currentTimeMillis) - origin
    const limits = limit.unsafeHistory().map((change) => ({ at: change.at - origin, limit: change.limit }))
    return { results, makespan, refusedAt, limits, peak }
  }))

describe("pooled with concurrency: adaptive({ min, max }) finds C by itself", () => {
  it.effect("over 10,000 tasks from min = 1: never outside [1, 100], within ±20 % of C within 3 s and stays, makespan within 1.15× of the best fixed limit, every task done", () =>
    Effect.gen(function* () {
      const run = yield* pooledRun(sweepTasks, defaultProfile, adaptive({ min: 1, max: 100 }))
      expect(run.results).toHaveLength(sweepTasks)
      expect(run.results.every((value, i) => value === i)).toBe(true)
      expect(run.limits.every(({ limit }) => limit >= 1 && limit <= 100)).toBe(true)
      const settled = settledAt(run.limits, 0.8 * C, 1.2 * C)
      expect(settled).toBeDefined()
      const [low, high] = rangeAfter(run.limits, settled!)
      // Doubling from 1 overshoots to max (64 → 100) before the latency shows the queue; then the cuts bring it
      // down (it settles at 2,158 ms, 54 to 55 after that).
      expect(settled!).toBeLessThanOrEqual(3_000)
      expect(low).toBeGreaterThanOrEqual(0.8 * C)
      expect(high).toBeLessThanOrEqual(1.2 * C)
      const best = sweepFixedLimits(sweepTasks, defaultProfile, sweepLimits).best
      expect(run.makespan / best.makespan).toBeLessThanOrEqual(1.15)
      // Refused only while it overshot: none later than one round trip after it settled.
      expect(run.refusedAt.length).toBeGreaterThan(0)
      // (6,185 refusals, the last at 2,165 ms: tasks that began before the last cut, retrying every 5 ms.)
      expect(run.refusedAt.every((at) => at <= settled! + defaultProfile.baseLatency)).toBe(true)
    }))

  it.effect("max binds: with max 30 below C, no more than 30 calls are ever in flight", () =>
    Effect.gen(function* () {
      const run = yield* pooledRun(2_000, defaultProfile, adaptive({ min: 1, max: 30 }))
      expect(Math.max(...run.limits.map(({ limit }) => limit))).toBe(30)
      expect(run.peak).toBe(30)
    }))

  it.effect("min binds: with min 20 over a service of C = 10, the limit never goes below 20", () =>
    Effect.gen(function* () {
      const small: ServiceProfile = { baseLatency: 100, capacity: 10, hardCap: 40, refusalLatency: 5 }
      const run = yield* pooledRun(2_000, small, adaptive({ min: 20, max: 40 }))
      const limits = run.limits.map(({ limit }) => limit)
      expect(Math.min(...limits)).toBe(20)
      expect(Math.max(...limits)).toBeLessThanOrEqual(40)
    }))

  it.effect("overloaded: a task that met a refusal and got past it with a retry cuts the limit by backoff, at the moment it ends", () =>
    inVirtualTime(Effect.gen(function* () {
      const limit = yield* adaptive({ min: 1, max: 20, initial: 10 })
      let tries = 0
      // Refused once (after 5 ms), then answered after 100 ms: the task succeeds at 105 ms.
      const call = Effect.suspend(() =>
        ++tries === 1
          ? Effect.zipRight(Effect.sleep("5 millis"), Effect.fail({ status: 429 }))
          : Effect.as(Effect.sleep("100 millis"), "ok")
      )
      const results = yield* pooled(
        [1],
        () => Effect.retry(Effect.tapError(call, () => overloaded), Schedule.recurs(3)),
        {
          concurrency: limit,
        },
      )
      expect(results).toEqual(["ok"])
      expect(limit.unsafeHistory()).toEqual([
        { at: 0, limit: 10, reason: "start" },
        { at: 105, limit: 9, reason: "overload" },
      ])
    })))

  it.effect("overloaded outside an adaptive limit does nothing: the same task under a live limit keeps it", () =>
    inVirtualTime(Effect.gen(function* () {
      const limit = yield* liveLimit(10)
      const results = yield* pooled([1, 2], (n) => Effect.as(overloaded, n), { concurrency: limit })
      expect(results).toEqual([1, 2])
      expect(yield* limit.limit.get).toBe(10)
      yield* overloaded // outside any run
    })))

  it.effect("bad adaptive options are refused before anything runs, naming the field", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(adaptive({ min: 5, max: 2 }))
      expect(error.message).toBe(`Invalid option "concurrency.max": expected a whole number ≥ 5, got 2`)
    }))
})
