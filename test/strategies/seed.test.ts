/**
 * The lesson in one file, in order: `npx vitest run test/strategies/seed.test.ts --reporter=verbose`.
 *
 * The blog's workload: three user lookups of 100, 300 and 200 ms, at most 2 at
 * a time. Test names count tasks from 1, as the blog and the charts do (the
 * spans' labels "1", "2", "3"); a span's `index` is the 0-based input position.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { chunked, pooled } from "poolwise"
import { blogWorkload, findUserWithDelay, UserNotFound } from "poolwise/fixtures"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline } from "poolwise/testing"

const isDone = <A, E>(fiber: Fiber.Fiber<A, E>) => Effect.map(Fiber.poll(fiber), Option.isSome)

/** Forks `run`, then checks it is not done at `ms` − 1 and is done at `ms` on the test's TestClock. */
const doneAtExactly = <A, E>(run: Effect.Effect<A, E>, ms: number) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(run)
    yield* TestClock.adjust(ms - 1)
    expect(yield* isDone(fiber)).toBe(false)
    yield* TestClock.adjust(1)
    expect(yield* isDone(fiber)).toBe(true)
    return yield* Fiber.join(fiber)
  })

describe("the blog's workload: tasks 1, 2, 3 of 100, 300 and 200 ms, at most 2 at a time", () => {
  it.effect("1. chunked (Promise.all over fixed chunks of 2): tasks 1 and 2 start at 0 ms, task 3 only at 300 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        chunked(blogWorkload, probe.task(findUserWithDelay), { chunkSize: 2 })
      )
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 300 })
      yield* assertPeakInFlight(timeline, 2)
    }))

  it.effect("2. chunked: the slot task 1 frees at 100 ms idles until the whole chunk is done at 300 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        chunked(blogWorkload, probe.task(findUserWithDelay), { chunkSize: 2 })
      )
      const slot1 = timeline.spans.filter((span) => span.slot === 1).map((span) => [span.label, span.start, span.end])
      expect(slot1).toEqual([["1", 0, 100], ["3", 300, 500]])
    }))

  it.effect("3. chunked is not done at 499 ms and is done at exactly 500 ms", () =>
    Effect.gen(function* () {
      const users = yield* doneAtExactly(chunked(blogWorkload, findUserWithDelay, { chunkSize: 2 }), 500)
      expect(users.map((user) => user.id)).toEqual([1, 2, 3])
    }))

  it.effect("4. pooled (a pool of 2 workers, the blog's fix): task 3 starts at 100 ms, the moment task 1 frees its slot", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        pooled(blogWorkload, probe.task(findUserWithDelay), { concurrency: 2 })
      )
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      expect(timeline.spans.find((span) => span.label === "3")?.slot).toBe(1)
      yield* assertPeakInFlight(timeline, 2)
    }))

  it.effect("5. pooled is not done at 299 ms and is done at exactly 300 ms", () =>
    Effect.gen(function* () {
      yield* doneAtExactly(pooled(blogWorkload, findUserWithDelay, { concurrency: 2 }), 300)
    }))

  it.effect("6. pooled returns the users in input order (1, 2, 3), whatever order the tasks end in", () =>
    Effect.gen(function* () {
      const [found, timeline] = yield* predictTimeline((probe) =>
        pooled(blogWorkload, probe.task(findUserWithDelay), { concurrency: 2 })
      )
      expect(found.map((user) => user.id)).toEqual([1, 2, 3])
      expect(timeline.spans.map((span) => [span.label, span.end])).toEqual([["1", 100], ["2", 300], ["3", 300]])
      yield* assertMakespan(timeline, 300)
    }))

  it.effect("7. Effect.forEach with concurrency 2 has the same schedule: the pool is built into Effect", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.forEach(blogWorkload, probe.task(findUserWithDelay), { concurrency: 2 })
      )
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
    }))

  it.effect("8. a missing user is a typed failure, UserNotFound, after its delay", () =>
    Effect.gen(function* () {
      const error = yield* doneAtExactly(Effect.flip(findUserWithDelay({ id: 99, time: 50 })), 50)
      expect(error).toEqual(new UserNotFound({ id: 99 }))
    }))
})
