import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { chunked, pooled, startsByIndex, withTimeline } from "poolwise"
import { blogWorkload, findUserWithDelay, UserNotFound } from "poolwise/fixtures"
import { inVirtualTime } from "poolwise/testing"

const isDone = <A, E>(fiber: Fiber.Fiber<A, E>) => Effect.map(Fiber.poll(fiber), Option.isSome)

describe("the seed workload: tasks of 100, 300 and 200 ms with a limit of 2", () => {
  describe("pooled (concurrency 2)", () => {
    const run = withTimeline(findUserWithDelay, (task) => pooled(blogWorkload, task, { concurrency: 2 }))

    it.effect("starts tasks 1 and 2 at t=0 and task 3 at t=100, the moment task 1 frees its slot", () =>
      Effect.gen(function* () {
        const [, timeline] = yield* inVirtualTime(run)
        expect(startsByIndex(timeline)).toEqual([0, 0, 100])
        expect(timeline.spans.find((s) => s.index === 2)?.slot).toBe(1)
      }))

    it.effect("is not done at 299 ms and is done at exactly 300 ms", () =>
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(run)
        yield* TestClock.adjust("299 millis")
        expect(yield* isDone(fiber)).toBe(false)
        yield* TestClock.adjust("1 millis")
        expect(yield* isDone(fiber)).toBe(true)
        const [, timeline] = yield* Fiber.join(fiber)
        expect(timeline.makespan).toBe(300)
      }))

    it.effect("returns the users in input order, though task 3 finished before task 2", () =>
      Effect.gen(function* () {
        const [found, timeline] = yield* inVirtualTime(run)
        expect(found.map((user) => user.id)).toEqual([1, 2, 3])
        const endOf = (index: number) => timeline.spans.find((s) => s.index === index)?.end
        expect(endOf(2)).toBe(300)
        expect(endOf(1)).toBe(300)
        expect(endOf(0)).toBe(100)
      }))
  })

  describe("chunked (chunkSize 2)", () => {
    const run = withTimeline(findUserWithDelay, (task) => chunked(blogWorkload, task, { chunkSize: 2 }))

    it.effect("starts task 3 only at t=300: the slot freed at t=100 idles until the whole chunk is done", () =>
      Effect.gen(function* () {
        const [, timeline] = yield* inVirtualTime(run)
        expect(startsByIndex(timeline)).toEqual([0, 0, 300])
      }))

    it.effect("is not done at 499 ms and is done at exactly 500 ms", () =>
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(run)
        yield* TestClock.adjust("499 millis")
        expect(yield* isDone(fiber)).toBe(false)
        yield* TestClock.adjust("1 millis")
        expect(yield* isDone(fiber)).toBe(true)
        const [found, timeline] = yield* Fiber.join(fiber)
        expect(timeline.makespan).toBe(500)
        expect(found.map((user) => user.id)).toEqual([1, 2, 3])
      }))
  })

  it.effect("a missing user is a typed failure, UserNotFound, after its delay", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(Effect.flip(findUserWithDelay({ id: 99, time: 50 })))
      yield* TestClock.adjust("49 millis")
      expect(yield* isDone(fiber)).toBe(false)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toEqual(new UserNotFound({ id: 99 }))
    }))
})
