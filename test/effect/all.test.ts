/**
 * `Effect.all` over the blog's workload: the same scheduler as
 * `Effect.forEach`, over effects you have already built. Tasks are counted from
 * 1 in the test names, as the spans' default labels are.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { blogWorkload, findUserWithDelay } from "poolwise/fixtures"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline } from "poolwise/testing"

describe("Effect.all on the blog's workload (100, 300, 200 ms)", () => {
  it.effect("with no option it runs the effects one after another: 600 ms, one in flight", () =>
    Effect.gen(function* () {
      const [users, timeline] = yield* predictTimeline((probe) => {
        const lookup = probe.task(findUserWithDelay)
        return Effect.all(blogWorkload.map((item, index) => lookup(item, index)))
      })
      yield* assertStarts(timeline, { "1": 0, "2": 100, "3": 400 })
      yield* assertMakespan(timeline, 600)
      yield* assertPeakInFlight(timeline, 1)
      expect(users.map((user) => user.id)).toEqual([1, 2, 3])
    }))

  it.effect("with concurrency 2 it is a pool of 2: task 3 starts at 100 ms, done at 300 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) => {
        const lookup = probe.task(findUserWithDelay)
        return Effect.all(blogWorkload.map((item, index) => lookup(item, index)), { concurrency: 2 })
      })
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 2)
    }))

  it.effect("over a record it keeps the keys, and the limit still applies", () =>
    Effect.gen(function* () {
      const [found, timeline] = yield* predictTimeline((probe) => {
        const lookup = probe.task(findUserWithDelay, (item) => `user ${item.id}`)
        const [first, second, third] = blogWorkload
        return Effect.all({ a: lookup(first!, 0), b: lookup(second!, 1), c: lookup(third!, 2) }, { concurrency: 2 })
      })
      expect([found.a.id, found.b.id, found.c.id]).toEqual([1, 2, 3])
      yield* assertStarts(timeline, { "user 1": 0, "user 2": 0, "user 3": 100 })
    }))
})
