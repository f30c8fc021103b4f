/**
 * `Effect.forEach` on the blog's workload (tasks 1, 2, 3 of 100, 300 and
 * 200 ms). Tasks are counted from 1 in the test names, as the spans' default
 * labels are ("1", "2", "3"); the runner's `index` is 0-based.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { blogWorkload, findUserWithDelay } from "poolwise/fixtures"
import { assertDoneAt, assertMakespan, assertPeakInFlight, assertStarts, predictTimeline } from "poolwise/testing"

describe("Effect.forEach on the blog's workload (100, 300, 200 ms)", () => {
  it.effect("with concurrency 2 it is already a pool: task 3 starts at 100 ms, the moment task 1 frees its slot", () =>
    Effect.gen(function* () {
      const [users, timeline] = yield* predictTimeline((probe) =>
        Effect.forEach(blogWorkload, probe.task(findUserWithDelay), { concurrency: 2 })
      )
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 2)
      expect(users.map((user) => user.id)).toEqual([1, 2, 3])
    }))

  it.effect("with concurrency 2 it is not done at 299 ms and is done at exactly 300 ms", () =>
    Effect.gen(function* () {
      const users = yield* assertDoneAt(Effect.forEach(blogWorkload, findUserWithDelay, { concurrency: 2 }), 300)
      expect(users.map((user) => user.id)).toEqual([1, 2, 3])
      const wrong = yield* Effect.flip(
        assertDoneAt(Effect.forEach(blogWorkload, findUserWithDelay, { concurrency: 2 }), 299),
      )
      expect(wrong.message).toBe("done at (ms): expected 299, got 300")
    }))

  it.effect("with no concurrency option it runs one task at a time, unlike Promise.all: 100 + 300 + 200 = 600 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.forEach(blogWorkload, probe.task(findUserWithDelay))
      )
      yield* assertStarts(timeline, { "1": 0, "2": 100, "3": 400 })
      yield* assertMakespan(timeline, 600)
      yield* assertPeakInFlight(timeline, 1)
    }))

  it.effect(`with concurrency "unbounded" all 3 start at 0 ms and the longest sets the time: 300 ms`, () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.forEach(blogWorkload, probe.task(findUserWithDelay), { concurrency: "unbounded" })
      )
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 0 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 3)
    }))
})
