/**
 * A pooled run with a rate on top of its concurrency, and with a live limit
 * as its concurrency, through the public runner: every start time exact, in
 * virtual time, over each kind of input.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Clock, Deferred, Effect, Fiber, Option, Stream } from "effect"
import { type LiveLimit, liveLimit, pooled, type PooledOptions, pooledStrategy } from "poolwise"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline, sleepFor } from "poolwise/testing"

const at = (ms: number, effect: Effect.Effect<unknown, unknown>) => Effect.zipRight(Effect.sleep(ms), effect)

/** The same durations as an array, an iterable and a stream: each route must give the same schedule. */
const routes = {
  array: (durations: ReadonlyArray<number>) => durations,
  iterable: (durations: ReadonlyArray<number>) => new Set(durations.map((ms, i) => [ms, i] as const)),
  stream: (durations: ReadonlyArray<number>) => Stream.fromIterable(durations),
}

/** Runs `durations` through `pooled` with `options`, over `route`, and records the schedule. */
const schedule = (
  route: keyof typeof routes,
  durations: ReadonlyArray<number>,
  options: PooledOptions,
) =>
  predictTimeline((probe) => {
    const task = probe.task(sleepFor)
    if (route === "stream") return Stream.runDrain(pooled(Stream.fromIterable(durations), task, options))
    if (route === "iterable") {
      // A Set of distinct pairs: read lazily, not as an array.
      return pooled(routes.iterable(durations), ([ms], i) => task(ms, i), options)
    }
    return pooled(durations, task, options)
  })

describe("a rate on a pooled run: at most N starts per interval, on top of the concurrency", () => {
  for (const route of Object.keys(routes) as Array<keyof typeof routes>) {
    it.effect(`${route}: a rate lower than the concurrency spaces every start: 10/s over 6 slots starts one per 100 ms`, () =>
      Effect.gen(function* () {
        const [, timeline] = yield* schedule(route, [250, 250, 250, 250, 250, 250], { concurrency: 6, rate: "10/s" })
        yield* assertStarts(timeline, [0, 100, 200, 300, 400, 500])
        yield* assertPeakInFlight(timeline, 3)
        yield* assertMakespan(timeline, 750)
      }))

    it.effect(`${route}: a concurrency lower than the rate holds too: 2 slots at 100/s start at 0, 10, 100, 110, 200, 210`, () =>
      Effect.gen(function* () {
        const [, timeline] = yield* schedule(route, [100, 100, 100, 100, 100, 100], { concurrency: 2, rate: "100/s" })
        yield* assertStarts(timeline, [0, 10, 100, 110, 200, 210])
        yield* assertPeakInFlight(timeline, 2)
      }))
  }

  it.effect("a burst lets that many start at once after a quiet spell, then spaces the rest: 4/s, burst 2", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* schedule("array", [10, 10, 10, 10, 10, 10], {
        concurrency: 6,
        rate: { limit: 4, interval: "1 second", burst: 2 },
      })
      yield* assertStarts(timeline, [0, 0, 250, 500, 750, 1000])
    }))

  it.effect("interrupted while items wait for their start time, the run starts nothing more, ever", () =>
    Effect.gen(function* () {
      const [started] = yield* predictTimeline((probe) =>
        Effect.gen(function* () {
          let started = 0
          const task = (ms: number, i: number) =>
            Effect.zipRight(Effect.sync(() => started++), probe.task(sleepFor)(ms, i))
          const run = yield* Effect.fork(pooled([50, 50, 50, 50, 50, 50], task, { concurrency: 6, rate: "10/s" }))
          yield* Effect.sleep(250)
          yield* Fiber.interrupt(run)
          const atInterrupt = started
          yield* Effect.sleep(10_000)
          expect(started).toBe(atInterrupt)
          return started
        })
      )
      // Starts at 0, 100 and 200 ms; the items waiting for 300, 400 and 500 ms never start.
      expect(started).toBe(3)
    }))

  it.effect("a halt while items wait for their start time starts none of them; the running ones finish", () =>
    Effect.gen(function* () {
      const [settled, timeline] = yield* predictTimeline((probe) =>
        pooled([150, 150, 150, 150], probe.task(sleepFor), {
          concurrency: 4,
          rate: "10/s",
          mode: "collect",
          haltWhen: Effect.sleep(150),
        })
      )
      yield* assertStarts(timeline, [0, 100])
      expect(settled.notRun.map((notRun) => [notRun.index, notRun.reason])).toEqual([[2, "stopped"], [3, "stopped"]])
      yield* assertMakespan(timeline, 250)
    }))

  it.effect("a strategy spaces each run from that run's own first start", () =>
    Effect.gen(function* () {
      const [starts] = yield* predictTimeline(() =>
        Effect.gen(function* () {
          const strategy = yield* pooledStrategy({ concurrency: 3, rate: "5/s" })
          expect(strategy.limit).toBe(3)
          const starts: Array<number> = []
          const stamp = () => Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => starts.push(now)))
          yield* strategy.run([1, 2], stamp)
          yield* Effect.sleep(1_000)
          yield* strategy.run([1, 2], stamp)
          return starts
        })
      )
      expect(starts).toEqual([0, 200, 1200, 1400])
    }))
})

describe("a live limit as a pooled run's concurrency", () => {
  const underLive = (
    route: keyof typeof routes,
    durations: ReadonlyArray<number>,
    initial: number,
    change: (limit: LiveLimit) => Effect.Effect<unknown, unknown>,
  ) =>
    predictTimeline((probe) =>
      Effect.gen(function* () {
        const limit = yield* liveLimit(initial)
        const changing = yield* Effect.fork(change(limit))
        const task = probe.task(sleepFor)
        if (route === "stream") {
          yield* Stream.runDrain(pooled(Stream.fromIterable(durations), task, { concurrency: limit }))
        } else if (route === "iterable") {
          yield* pooled(routes.iterable(durations), ([ms], i) => task(ms, i), { concurrency: limit })
        } else yield* pooled(durations, task, { concurrency: limit })
        yield* Fiber.join(changing)
        return limit
      })
    )

  for (const route of Object.keys(routes) as Array<keyof typeof routes>) {
    it.effect(`${route}: raising it starts waiting items at once: 2 → 4 at 50 ms starts items 3 and 4 at 50 ms`, () =>
      Effect.gen(function* () {
        const [, timeline] = yield* underLive(
          route,
          [100, 100, 100, 100, 100, 100],
          2,
          (limit) => at(50, limit.resize(4)),
        )
        yield* assertStarts(timeline, [0, 0, 50, 50, 100, 100])
        yield* assertMakespan(timeline, 200)
        yield* assertPeakInFlight(timeline, 4)
      }))

    it.effect(`${route}: lowering it interrupts nothing and starts nothing until fewer than the new limit run: 4 → 2 at 50 ms`, () =>
      Effect.gen(function* () {
        const [, timeline] = yield* underLive(
          route,
          [100, 200, 300, 400, 100, 100, 100, 100],
          4,
          (limit) => at(50, limit.resize(2)),
        )
        yield* assertStarts(timeline, [0, 0, 0, 0, 300, 400, 400, 500])
        expect(timeline.spans.every((span) => span.outcome === "succeeded")).toBe(true)
      }))

    it.effect(`${route}: pausing starts nothing until resumed; a resize while paused counts at the resume`, () =>
      Effect.gen(function* () {
        const [, timeline] = yield* underLive(
          route,
          [100, 100, 100, 100, 100],
          2,
          (limit) =>
            Effect.all([at(50, limit.pause), at(150, limit.resize(3)), at(250, limit.resume)], {
              concurrency: "unbounded",
            }),
        )
        yield* assertStarts(timeline, [0, 0, 250, 250, 250])
        yield* assertMakespan(timeline, 350)
      }))
  }

  it.effect("the run reads the limit's changes; its strategy's `limit` reads the current value", () =>
    Effect.gen(function* () {
      const limit = yield* liveLimit(2)
      const strategy = yield* pooledStrategy({ concurrency: limit })
      const seen = yield* Effect.fork(Stream.runCollect(Stream.take(limit.limit.changes, 2)))
      for (let i = 0; i < 20; i++) yield* Effect.yieldNow() // subscribed
      yield* limit.resize(7)
      expect(strategy.limit).toBe(7)
      expect(Chunk.toArray(yield* Fiber.join(seen))).toEqual([2, 7])
    }))

  it.effect("two runs sharing one live limit share its permits: 2 in flight in all", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.gen(function* () {
          const limit = yield* liveLimit(2)
          const task = probe.task(sleepFor)
          yield* Effect.all([
            pooled([100, 100], task, { concurrency: limit }),
            pooled([100, 100], (ms, i) => task(ms, i + 2), { concurrency: limit }),
          ], { concurrency: "unbounded" })
        })
      )
      yield* assertPeakInFlight(timeline, 2)
      yield* assertMakespan(timeline, 200)
    }))

  it.effect("a task's failure stops the run (fail-fast) and gives every permit back", () =>
    Effect.gen(function* () {
      const limit = yield* liveLimit(2)
      const failed = yield* Effect.flip(
        pooled([1, 2, 3, 4], (n) => n === 2 ? Effect.fail("boom" as const) : Effect.never, { concurrency: limit }),
      )
      expect(failed).toBe("boom")
      // Both permits are free: two holders at once, the second releasing the first, end at once.
      const both = yield* Deferred.make<void>()
      const pair = yield* Effect.fork(Effect.all([
        limit.withPermit(Deferred.await(both)),
        limit.withPermit(Deferred.succeed(both, undefined)),
      ], { concurrency: "unbounded" }))
      for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
      expect(Option.isSome(yield* Fiber.poll(pair))).toBe(true)
    }))
})
