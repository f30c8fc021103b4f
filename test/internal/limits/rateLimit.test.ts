/**
 * The rate limit: at most `limit` starts per `interval`, on top of a
 * concurrency limit. Start times are exact, in virtual time.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Deferred, Effect, Exit, Fiber, Option } from "effect"
import { assertPeakInFlight, assertStarts, inVirtualTime, predictTimeline, sleepFor } from "poolwise/testing"
import { makeLiveLimit } from "../../../src/internal/limits/liveLimit.ts"
import { makeRateLimit, type RateLimit, worstWindow } from "../../../src/internal/limits/rateLimit.ts"

/** Start times (ms) of `count` tasks that all ask at once, each through `rate`. */
const startsThrough = (rate: RateLimit, count: number) =>
  Effect.gen(function* () {
    const starts: Array<number> = []
    yield* Effect.forEach(
      Array.from({ length: count }),
      () => rate.withToken(Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => starts.push(now)))),
      { concurrency: "unbounded", discard: true },
    )
    return starts
  })

/** `durations` through a concurrency limit of `concurrency`, then the rate: a permit first, then a start time. */
const pooledAtRate = (durations: ReadonlyArray<number>, concurrency: number, rate: unknown) =>
  predictTimeline((probe) =>
    Effect.gen(function* () {
      const live = yield* makeLiveLimit(concurrency)
      const limit = yield* makeRateLimit(rate)
      yield* Effect.forEach(durations, (ms, i) => live.withPermit(limit.withToken(probe.task(sleepFor)(ms, i))), {
        concurrency: "unbounded",
        discard: true,
      })
    })
  )

describe("a rate limit spaces starts evenly by default", () => {
  it.effect("3/s: 0, 334, 667, 1000, 1334, 1667 ms — each the exact slot rounded up, never drifting", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit("3/s")
      expect(yield* startsThrough(rate, 6)).toEqual([0, 334, 667, 1000, 1334, 1667])
    })))

  it.effect("2,000/s is 2,000/s: two starts per millisecond (Effect's RateLimiter rounds it to 1,000/s)", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit({ limit: 10, interval: "5 millis" })
      expect(yield* startsThrough(rate, 12)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6])
    })))

  it.effect("1,000/s for 2 s of virtual time: every window of 1 s, wherever it begins, holds at most 1,000 starts", () =>
    inVirtualTime(Effect.gen(function* () {
      // One caller starting tasks one after another, as a pool's dispatcher does.
      const rate = yield* makeRateLimit("1000/s")
      const times: Array<number> = []
      for (let i = 0; i < 2_000; i++) times.push(yield* rate.withToken(Clock.currentTimeMillis))
      expect(times.at(-1)).toBe(1_999)
      expect(worstWindow(times, 1_000)).toBe(1_000)
    })))

  it.effect("100/s with a burst of 10 over 3 s: the worst window of 1 s holds limit + burst − 1 = 109", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit({ limit: 100, interval: "1 second", burst: 10 })
      const times = yield* startsThrough(rate, 300)
      expect(worstWindow(times, 1_000)).toBe(109)
    })))

  it.effect("a quiet spell earns nothing: after 5 s idle at 2/s the next starts go at once, then 500 ms apart", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit("2/s")
      yield* startsThrough(rate, 1)
      yield* Effect.sleep("5 seconds")
      expect(yield* startsThrough(rate, 3)).toEqual([5_000, 5_500, 6_000])
    })))
})

describe("a burst", () => {
  it.effect("3/s with burst 3: three at once, then the evenly spaced slots (5 starts in the first second: limit + burst − 1)", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit({ limit: 3, interval: "1 second", burst: 3 })
      expect(yield* startsThrough(rate, 7)).toEqual([0, 0, 0, 334, 667, 1000, 1334])
    })))

  it.effect("the bucket refills while idle, up to the burst and no more", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit({ limit: 4, interval: "1 second", burst: 2 })
      expect(yield* startsThrough(rate, 4)).toEqual([0, 0, 250, 500])
      yield* Effect.sleep("10 seconds")
      expect(yield* startsThrough(rate, 4)).toEqual([10_500, 10_500, 10_750, 11_000])
    })))
})

describe("a rate limit on top of a concurrency limit", () => {
  it.effect("a rate lower than the concurrency sets the pace: 10 tasks of 300 ms at 5/s under a limit of 10 start 200 ms apart, 2 in flight", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* pooledAtRate(Array(10).fill(300), 10, "5/s")
      yield* assertStarts(timeline, [0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800])
      yield* assertPeakInFlight(timeline, 2)
    }))

  it.effect("a concurrency lower than the rate sets the pace: a limit of 2 at 10/s starts when a slot frees (300, 400, …)", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* pooledAtRate(Array(6).fill(300), 2, "10/s")
      // Task 2 waits 100 ms for its token; after that each waits for a free slot, and its token is there.
      yield* assertStarts(timeline, [0, 100, 300, 400, 600, 700])
      yield* assertPeakInFlight(timeline, 2)
    }))
})

describe("an interruption while waiting for a token", () => {
  it.effect("the head of the line interrupted while it sleeps: the next starts at that same slot, and the pace goes on", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit({ limit: 1, interval: "100 millis" })
      const starts: Record<string, number> = {}
      const task = (name: string) =>
        rate.withToken(Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => (starts[name] = now))))
      yield* task("first")
      const leaving = yield* Effect.fork(task("leaving")) // head: sleeps until 100 ms
      const next = yield* Effect.fork(task("next"))
      const later = yield* Effect.fork(task("later"))
      yield* Effect.sleep("50 millis")
      yield* Fiber.interrupt(leaving)
      yield* Fiber.join(next)
      yield* Fiber.join(later)
      expect(starts).toEqual({ first: 0, next: 100, later: 200 })
    })))

  it.effect("a waiter behind the head interrupted: it leaves the line and the ones behind it move up", () =>
    inVirtualTime(Effect.gen(function* () {
      const rate = yield* makeRateLimit({ limit: 1, interval: "100 millis" })
      const starts: Record<string, number> = {}
      const task = (name: string) =>
        rate.withToken(Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => (starts[name] = now))))
      yield* task("first")
      const fibers = yield* Effect.forEach(["a", "b", "c"], (name) => Effect.fork(task(name)))
      yield* Effect.sleep("50 millis")
      yield* Fiber.interrupt(fibers[1]!)
      yield* Fiber.join(fibers[2]!)
      expect(starts).toEqual({ first: 0, a: 100, c: 200 })
    })))

  it.effect("a waiter made head just as it is interrupted passes the place on, in every interleaving", () =>
    Effect.gen(function* () {
      const yields = (n: number) =>
        Effect.forEach(Array.from({ length: n }), () => Effect.yieldNow(), { discard: true })
      const stuck: Array<number> = []
      for (let k = 0; k <= 6; k++) {
        // A burst of 1 000 per ms: no waiter ever sleeps, so only the line decides who starts.
        const rate = yield* makeRateLimit({ limit: 1_000, interval: "1 millis", burst: 1_000 })
        const go = yield* Deferred.make<void>()
        const head = yield* Effect.fork(rate.withToken(Effect.void).pipe(Effect.zipRight(Deferred.await(go))))
        const holding = yield* Effect.fork(
          Effect.uninterruptible(Effect.zipRight(Deferred.await(go), rate.withToken(Effect.void))),
        )
        const waiter = yield* Effect.fork(rate.withToken(Effect.never))
        yield* yields(k)
        yield* Fiber.interrupt(waiter)
        yield* Deferred.succeed(go, undefined)
        yield* Fiber.join(head)
        yield* Fiber.join(holding)
        const after = yield* Effect.fork(rate.withToken(Effect.succeed("after")))
        yield* yields(10)
        const done = yield* Fiber.poll(after)
        if (Option.isNone(done) || !Exit.isSuccess(done.value)) {
          stuck.push(k)
          yield* Fiber.interrupt(after)
        }
      }
      expect(stuck, "interleavings that left the line stuck").toEqual([])
    }))
})

describe("a rate limit costs O(1) per start, counted at 10× and 100× the size", () => {
  it.effect.each([100, 1_000, 10_000])(
    "%d callers waiting at once: each is woken once, and heads sleep once per millisecond of starts at most",
    (n) =>
      inVirtualTime(Effect.gen(function* () {
        // 1,000 per ms: a thousand starts share each millisecond, so sleeps are few and the line does the work.
        const rate = yield* makeRateLimit({ limit: 1_000, interval: "1 millis" })
        const times = yield* startsThrough(rate, n)
        const work = rate.unsafeWork()
        expect(times.at(-1)).toBe(Math.ceil((n - 1) / 1_000))
        expect(work.woken).toBeLessThanOrEqual(n)
        expect(work.skipped).toBe(0)
        expect(work.copied).toBeLessThanOrEqual(n)
        expect(work.sleeps).toBeLessThanOrEqual(Math.ceil(n / 1_000))
      })),
  )
})
