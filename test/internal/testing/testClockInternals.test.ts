/**
 * `inVirtualTime` reads two private fields of effect 3.22's TestClock, in one
 * function (src/internal/testing/testClockInternals.ts). These tests pin that
 * the Effect version this package depends on has them, and that the public-API
 * fallback another version would get gives the same schedules.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, TestClock, TestContext } from "effect"
import { pooled } from "poolwise"
import { greedyStarts } from "poolwise/testing"
import { internalsOf } from "../../../src/internal/testing/testClockInternals.ts"
import { inVirtualTime } from "../../../src/internal/testing/virtualTime.ts"

/** Start times of a pooled run over `durations`, recorded from the clock. */
const starts = (durations: ReadonlyArray<number>, limit: number) =>
  Effect.gen(function* () {
    const at: Array<number> = []
    yield* pooled(durations, (ms, index) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        at[index] = now
        return Effect.sleep(ms)
      }), { concurrency: limit })
    return at
  })

describe("inVirtualTime's use of TestClock's private state", () => {
  it.effect("the pinned effect version's TestClock has the state and the warning switch the driver reads", () =>
    Effect.gen(function* () {
      const clock = yield* TestClock.testClock()
      const internals = internalsOf(clock)
      expect(internals).toBeDefined()
      const data = yield* internals!.clockState.get
      expect(typeof data.instant).toBe("number")
      expect(typeof internals!.warningDone).toBe("function")
    }).pipe(Effect.provide(TestContext.TestContext)))

  it("an object that merely looks like a clock is not read: the public API is used", () => {
    expect(internalsOf({} as TestClock.TestClock)).toBeUndefined()
    expect(internalsOf({ clockState: 1, warningDone: () => 0 } as unknown as TestClock.TestClock)).toBeUndefined()
  })

  it.effect("with only the public API the schedules are the same, exactly", () =>
    Effect.gen(function* () {
      const durations = [100, 300, 200, 50, 80, 20, 300, 10, 70, 120]
      for (const limit of [1, 2, 3, 10]) {
        const fast = yield* inVirtualTime(starts(durations, limit), {}, true)
        const publicOnly = yield* inVirtualTime(starts(durations, limit), {}, false)
        expect(fast).toEqual(greedyStarts(durations, limit))
        expect(publicOnly).toEqual(fast)
      }
    }))
})
