/**
 * The blog's first fix, before the pool: `Promise.all` over fixed chunks,
 * written with Effect as `Effect.forEach` over chunks. Tasks are counted from
 * 1 in the test names, as the spans' default labels are.
 */
import { describe, expect, it } from "@effect/vitest"
import { Array as Arr, Effect } from "effect"
import { blogWorkload, findUserWithDelay } from "poolwise/fixtures"
import { assertMakespan, assertPeakInFlight, assertStarts, chunkedStarts, predictTimeline } from "poolwise/testing"
import { startsByIndex } from "poolwise/timeline"

describe("the chunked baseline, Effect.forEach over chunks of 2, on the blog's workload (100, 300, 200 ms)", () => {
  it.effect("task 3 waits for the whole first chunk: it starts at 300 ms, and the run takes 500 ms", () =>
    Effect.gen(function* () {
      const [users, timeline] = yield* predictTimeline((probe) => {
        const lookup = probe.task(findUserWithDelay)
        // Keep each item's index in the whole input: a chunk's own indexes restart at 0.
        const chunks = Arr.chunksOf(blogWorkload.map((item, index) => [item, index] as const), 2)
        return Effect.forEach(
          chunks,
          (chunk) => Effect.forEach(chunk, ([item, index]) => lookup(item, index), { concurrency: "unbounded" }),
        ).pipe(Effect.map(Arr.flatten))
      })
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 300 })
      yield* assertMakespan(timeline, 500)
      yield* assertPeakInFlight(timeline, 2)
      expect(startsByIndex(timeline)).toEqual(chunkedStarts(blogWorkload.map((lookup) => lookup.time), 2))
      expect(users.map((user) => user.id)).toEqual([1, 2, 3])
    }))
})
