/**
 * Effect's `Pool`: 2 resources used as database connections. Whoever holds a
 * connection runs; everyone else waits for one to come back. Tasks are counted
 * from 1 in the test names, as the spans' default labels are.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Pool } from "effect"
import { findUserWithDelay } from "poolwise/fixtures"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline } from "poolwise/testing"
import { allAskingAtOnce } from "../support/callers.ts"

describe("Effect's Pool of 2 connections, used by an unbounded run of the blog's workload (100, 300, 200 ms)", () => {
  it.effect("opens 2 connections, and task 3 waits from 0 to 100 ms for the one task 1 gives back: 300 ms", () =>
    Effect.gen(function* () {
      let opened = 0
      const asked: Array<number> = []
      const [connections, timeline] = yield* predictTimeline((probe) =>
        Effect.gen(function* () {
          const pool = yield* Pool.make({ acquire: Effect.sync(() => ++opened), size: 2 })
          const lookup = probe.task(findUserWithDelay)
          // Pool.get is scoped: the connection goes back when the task's scope closes.
          return yield* allAskingAtOnce(
            asked,
            (item, index) => Pool.get(pool).pipe(Effect.tap(() => lookup(item, index)), Effect.scoped),
          )
        }).pipe(Effect.scoped)
      )
      expect(opened).toBe(2)
      expect(asked).toEqual([0, 0, 0])
      expect(connections).toEqual([1, 2, 1])
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 2)
    }))
})
