/**
 * `concurrency: "inherit"` and `Effect.withConcurrency`: the caller, not the
 * call site, sets the limit. Tasks are counted from 1 in the test names, as
 * the spans' default labels are.
 */
import { describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { blogWorkload, findUserWithDelay, type Lookup } from "poolwise/fixtures"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline } from "poolwise/testing"
import type { Task } from "poolwise"

/** A library function that lets its caller choose the limit. */
const lookUpAll = <E>(lookup: Task<Lookup, unknown, E, never>) =>
  Effect.forEach(blogWorkload, lookup, { concurrency: "inherit" })

describe(`concurrency "inherit" on the blog's workload (100, 300, 200 ms)`, () => {
  it.effect("inside Effect.withConcurrency(2) it is a pool of 2: task 3 starts at 100 ms, done at 300 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        lookUpAll(probe.task(findUserWithDelay)).pipe(Effect.withConcurrency(2))
      )
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 2)
    }))

  it.effect(`with no Effect.withConcurrency around it, "inherit" means unbounded: 3 in flight at 0 ms`, () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) => lookUpAll(probe.task(findUserWithDelay)))
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 0 })
      yield* assertPeakInFlight(timeline, 3)
    }))

  it.effect("Effect.withConcurrency does not touch a call with no concurrency option: still sequential, 600 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.forEach(blogWorkload, probe.task(findUserWithDelay)).pipe(Effect.withConcurrency(2))
      )
      yield* assertStarts(timeline, { "1": 0, "2": 100, "3": 400 })
      yield* assertMakespan(timeline, 600)
    }))
})
