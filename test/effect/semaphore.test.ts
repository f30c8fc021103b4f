/**
 * A `Semaphore` caps one shared resource, whoever uses it: here 2 permits
 * around an unbounded run of the blog's workload. Tasks are counted from 1 in
 * the test names, as the spans' default labels are.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { blogWorkload, findUserWithDelay } from "poolwise/fixtures"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline } from "poolwise/testing"
import { allAskingAtOnce } from "../support/callers.ts"

describe("a Semaphore of 2 permits around an unbounded run of the blog's workload (100, 300, 200 ms)", () => {
  it.effect("never has more than 2 in flight: task 3 waits for a permit until 100 ms, done at 300 ms", () =>
    Effect.gen(function* () {
      const asked: Array<number> = []
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.gen(function* () {
          const permits = yield* Effect.makeSemaphore(2)
          const lookup = probe.task(findUserWithDelay)
          return yield* allAskingAtOnce(asked, (item, index) => permits.withPermits(1)(lookup(item, index)))
        })
      )
      // All three fibers start at once; the semaphore, not the runner, holds task 3 back.
      expect(asked).toEqual([0, 0, 0])
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 2)
    }))

  it.effect("caps the resource across callers: two runs at once still share 2 permits, 600 ms for 6 tasks", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.gen(function* () {
          const permits = yield* Effect.makeSemaphore(2)
          // A service method: each caller runs unbounded, the semaphore is the only limit.
          const lookUpAll = (caller: string) =>
            Effect.forEach(
              blogWorkload,
              (item, index) =>
                permits.withPermits(1)(probe.task(findUserWithDelay, () => `${caller}${index + 1}`)(item, index)),
              { concurrency: "unbounded" },
            )
          return yield* Effect.all([lookUpAll("a"), lookUpAll("b")], { concurrency: "unbounded" })
        })
      )
      yield* assertPeakInFlight(timeline, 2)
      // 1,200 ms of work over 2 permits cannot take less than 600 ms; here it takes exactly that.
      yield* assertMakespan(timeline, 600)
    }))
})
