/**
 * poolwise/testing's engine: running any effect on its own TestClock.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Clock, Deferred, Duration, Effect, Exit, Fiber, Option } from "effect"
import { pooled } from "poolwise"
import { inVirtualTime, predictTimeline, VirtualTimeExceeded } from "poolwise/testing"

const onRealClock = Effect.map(Clock.currentTimeMillis, (now) => now > Date.UTC(2020, 0, 1))

describe("inVirtualTime: any effect, on a fresh TestClock moved for it", () => {
  it.effect("returns at once with exact clock readings: a 300 ms run reads 300 ms", () =>
    Effect.gen(function* () {
      const [elapsed] = yield* inVirtualTime(
        Effect.timed(Effect.forEach([100, 300, 200], (ms) => Effect.sleep(ms), { concurrency: 2 })),
      )
      expect(Duration.toMillis(elapsed)).toBe(300)
    }))

  it.effect("leaves the caller's TestClock where it was", () =>
    Effect.gen(function* () {
      yield* inVirtualTime(Effect.sleep("1 hour"))
      expect(yield* Clock.currentTimeMillis).toBe(0)
    }))

  it.live("leaves a live caller on the real clock (Effect.provide(TestContext) alone would not, in effect 3.22)", () =>
    Effect.gen(function* () {
      expect(yield* inVirtualTime(Effect.as(Effect.sleep("1 hour"), "done"))).toBe("done")
      expect(yield* onRealClock).toBe(true)
    }))

  it.effect("holds the clock until a woken task has reached its next sleep, however many turns that takes", () =>
    Effect.gen(function* () {
      // Task 3 (index 2) yields 20,000 times before it sleeps: far more event-loop turns than one
      // TestClock.adjust waits for, which would move on to 300 ms first and leave task 3 asleep for good.
      const busyThenSleep = (ms: number, index: number) =>
        Effect.zipRight(
          index === 2
            ? Effect.forEach(Array.from({ length: 20_000 }), () => Effect.yieldNow(), { discard: true })
            : Effect.void,
          Effect.sleep(ms),
        )
      const [, timeline] = yield* predictTimeline((probe) =>
        pooled([100, 300, 200], probe.task(busyThenSleep), { concurrency: 2 })
      )
      expect(timeline.spans.map(({ index, start, end }) => [index, start, end])).toEqual([
        [0, 0, 100],
        [1, 0, 300],
        [2, 100, 300],
      ])
    }))

  it.effect("waits for the outside world on the real event loop, then goes on in virtual time", () =>
    Effect.gen(function* () {
      // A turn of the real event loop (I/O, another process), not a timer: nothing here waits on real time.
      const outside = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
      const [elapsed] = yield* inVirtualTime(Effect.timed(Effect.zipRight(outside, Effect.sleep("100 millis"))))
      expect(Duration.toMillis(elapsed)).toBe(100)
    }))

  it.effect("an effect still running at the horizon dies with VirtualTimeExceeded instead of running forever", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(inVirtualTime(Effect.forever(Effect.sleep("1 second")), { horizon: "1 minute" }))
      const defect = Exit.isFailure(exit) ? Cause.dieOption(exit.cause) : Option.none()
      expect(Option.getOrThrow(defect)).toBeInstanceOf(VirtualTimeExceeded)
      expect(String(Option.getOrThrow(defect))).toContain("Still running after 60000 ms of virtual time")
    }))

  it.effect("failures come back as failures, typed", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(inVirtualTime(Effect.delay(Effect.fail("late" as const), "2 seconds")))
      expect(error).toBe("late")
    }))

  it.effect("interrupting the caller interrupts the run", () =>
    Effect.gen(function* () {
      const interrupted = yield* Deferred.make<void>()
      const started = yield* Deferred.make<void>()
      const run = Effect.zipRight(Deferred.succeed(started, undefined), Effect.never).pipe(
        Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined)),
      )
      const fiber = yield* Effect.fork(inVirtualTime(run))
      yield* Deferred.await(started)
      yield* Fiber.interrupt(fiber)
      expect(yield* Deferred.isDone(interrupted)).toBe(true)
    }))
})
