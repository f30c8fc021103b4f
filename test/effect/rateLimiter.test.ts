/**
 * Effect's own `RateLimiter` (effect/RateLimiter) under TestClock: what its
 * token bucket and fixed window actually do with a burst, with refills, with
 * rates finer than a millisecond, and with a waiter that is interrupted. The
 * kit's rate limit (src/internal/limits/rateLimit.ts) says why it is built
 * beside it rather than on it; these are the facts it cites.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Fiber, RateLimiter } from "effect"
import { inVirtualTime } from "poolwise/testing"

/** Start times (ms) of `count` tasks that all ask at once, each through `limiter`. */
const startsThrough = (limiter: RateLimiter.RateLimiter, count: number) =>
  Effect.gen(function* () {
    const starts: Array<number> = []
    yield* Effect.forEach(
      Array.from({ length: count }),
      () => limiter(Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => starts.push(now)))),
      { concurrency: "unbounded", discard: true },
    )
    return starts
  })

describe("Effect's RateLimiter, token bucket (the default)", () => {
  it.effect("starts with a full bucket: 3/s lets 3 start at once, then one every ceil(1000 / 3) = 334 ms", () =>
    inVirtualTime(Effect.scoped(Effect.gen(function* () {
      const limiter = yield* RateLimiter.make({ limit: 3, interval: "1 second" })
      expect(yield* startsThrough(limiter, 6)).toEqual([0, 0, 0, 334, 668, 1002])
    }))))

  it.effect("so the first second holds 2 × 3 − 1 = 5 starts, and each refill drifts by the rounding (1002, not 1000)", () =>
    inVirtualTime(Effect.scoped(Effect.gen(function* () {
      const limiter = yield* RateLimiter.make({ limit: 3, interval: "1 second" })
      const starts = yield* startsThrough(limiter, 9)
      expect(starts.filter((t) => t < 1000)).toHaveLength(5)
      expect(starts.slice(3)).toEqual([334, 668, 1002, 1336, 1670, 2004])
    }))))

  it.effect("a rate finer than a millisecond is rounded to one token per ms: 2,000/s runs at 1,000/s", () =>
    inVirtualTime(Effect.scoped(Effect.gen(function* () {
      // 10 per 5 ms is 2,000/s: a token every 0.5 ms, rounded up to 1 ms.
      const limiter = yield* RateLimiter.make({ limit: 10, interval: "5 millis" })
      const starts = yield* startsThrough(limiter, 20)
      expect(starts.slice(10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    }))))

  it.effect("an interrupted waiter costs no token: the next waiter starts at the refill it would have taken", () =>
    inVirtualTime(Effect.scoped(Effect.gen(function* () {
      const limiter = yield* RateLimiter.make({ limit: 1, interval: "100 millis" })
      const starts: Record<string, number> = {}
      const task = (name: string) =>
        limiter(Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => (starts[name] = now))))
      yield* task("first")
      const leaving = yield* Effect.fork(task("leaving"))
      const next = yield* Effect.fork(task("next"))
      yield* Effect.sleep("50 millis")
      yield* Fiber.interrupt(leaving)
      yield* Fiber.join(next)
      expect(starts).toEqual({ first: 0, next: 100 })
    }))))
})

describe("Effect's RateLimiter, fixed window", () => {
  it.effect("the window opens at the first start after a quiet spell, and 2 × limit − 1 can start within one interval across its edge", () =>
    inVirtualTime(Effect.scoped(Effect.gen(function* () {
      const limiter = yield* RateLimiter.make({ limit: 3, interval: "1 second", algorithm: "fixed-window" })
      const starts: Array<number> = []
      const start = limiter(Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => starts.push(now))))
      yield* start // opens the window [0, 1000)
      yield* Effect.sleep("999 millis")
      yield* Effect.all([start, start, start, start, start], { concurrency: "unbounded" })
      // Two fit in the old window at 999 ms, three more at 1000 ms: five starts within 1 ms.
      expect(starts).toEqual([0, 999, 999, 1000, 1000, 1000])
    }))))
})
