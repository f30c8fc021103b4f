import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { chunked, findUserWithDelay, pooled, seedWorkload, startsByIndex, users, withTimeline } from "../../src/index.ts"

describe("the seed workload: 100, 300 and 200 ms with a limit of 2", () => {
  it.effect("pooled starts task 3 at t=100, when task 1 frees its slot", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(
        withTimeline(findUserWithDelay, (task) => pooled(seedWorkload, task, { concurrency: 2 }))
      )
      yield* TestClock.adjust("1 second")
      const [found, timeline] = yield* Fiber.join(fiber)
      expect(startsByIndex(timeline)).toEqual([0, 0, 100])
      expect(timeline.makespan).toBe(300)
      expect(found.map((u) => u.id)).toEqual([1, 2, 3])
    }))
}) 
