/**
 * A chunked run with a rate: every item of a chunk waits for its start time,
 * on top of the chunk boundary (a chunk starts only when the previous one
 * ended). Every start time exact, in virtual time, over each kind of input.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Clock, Effect, Exit, Fiber, Stream } from "effect"
import { chunked, type ChunkedOptions, chunkedStrategy, InvalidOptionError, unbounded } from "poolwise"
import { assertMakespan, assertStarts, predictTimeline, sleepFor } from "poolwise/testing"

/** The same durations as an array, an iterable and a stream: each route must give the same schedule. */
const routes = ["array", "iterable", "stream"] as const

/** Runs `durations` through `chunked` with `options`, over `route`, and records the schedule. */
const schedule = (route: typeof routes[number], durations: ReadonlyArray<number>, options: ChunkedOptions) =>
  predictTimeline((probe) => {
    const task = probe.task(sleepFor)
    if (route === "stream") return Stream.runDrain(chunked(Stream.fromIterable(durations), task, options))
    if (route === "iterable") {
      // A Set of distinct pairs: read lazily, not as an array.
      return chunked(new Set(durations.map((ms, i) => [ms, i] as const)), ([ms], i) => task(ms, i), options)
    }
    return chunked(durations, task, options)
  })

describe("a rate on a chunked run: each item waits for its start time, each chunk for the previous one", () => {
  for (const route of routes) {
    it.effect(`${route}: 2/s spaces a chunk's starts; the next chunk waits for the slowest of the chunk and its token`, () =>
      Effect.gen(function* () {
        // Chunk 1 starts at 0, 500, 1000 and ends at 1100 (its last item); chunk 2's tokens are 1500, 2000, 2500.
        const [, timeline] = yield* schedule(route, [1200, 100, 100, 100, 100, 100], { chunkSize: 3, rate: "2/s" })
        yield* assertStarts(timeline, [0, 500, 1000, 1500, 2000, 2500])
        yield* assertMakespan(timeline, 2600)
      }))

    it.effect(`${route}: a rate faster than the chunk leaves the chunk boundary in charge: 100/s, chunks of 300 ms`, () =>
      Effect.gen(function* () {
        const [, timeline] = yield* schedule(route, [300, 300, 300, 300], { chunkSize: 2, rate: "100/s" })
        // Chunk 1 at 0 and 10; it ends at 310, and the rate lets chunk 2 start at once: 310 and 320.
        yield* assertStarts(timeline, [0, 10, 310, 320])
        yield* assertMakespan(timeline, 620)
      }))
  }

  it.effect("the next chunk starts at the later of the previous chunk's end and its own start time", () =>
    Effect.gen(function* () {
      // Chunk 1 (0 and 500) ends at 600; chunk 2's first token is 1000, its second 1500.
      const [, timeline] = yield* schedule("array", [100, 100, 100, 100], { chunkSize: 2, rate: "2/s" })
      yield* assertStarts(timeline, [0, 500, 1000, 1500])
    }))

  it.effect("a burst lets that many of a chunk start at once, then spaces the rest: 4/s, burst 2", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* schedule("array", [10, 10, 10, 10, 10, 10], {
        chunkSize: 3,
        rate: { limit: 4, interval: "1 second", burst: 2 },
      })
      yield* assertStarts(timeline, [0, 0, 250, 500, 750, 1000])
    }))

  it.effect("interrupted while items wait for their start time, the run starts nothing more and ends interrupted", () =>
    Effect.gen(function* () {
      const [[started, exit]] = yield* predictTimeline((probe) =>
        Effect.gen(function* () {
          let started = 0
          const task = (ms: number, i: number) =>
            Effect.zipRight(Effect.sync(() => started++), probe.task(sleepFor)(ms, i))
          const run = yield* Effect.fork(chunked([50, 50, 50, 50, 50, 50], task, { chunkSize: 6, rate: "10/s" }))
          yield* Effect.sleep(250)
          const exit = yield* Fiber.interrupt(run)
          const atInterrupt = started
          yield* Effect.sleep(10_000)
          expect(started).toBe(atInterrupt)
          return [started, exit] as const
        })
      )
      // Starts at 0, 100 and 200 ms; the items waiting for 300, 400 and 500 ms never start.
      expect(started).toBe(3)
      expect(Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause)).toBe(true)
    }))

  it.effect("a halt while items of a chunk wait for their start time starts none of them; they did not run", () =>
    Effect.gen(function* () {
      const [settled, timeline] = yield* predictTimeline((probe) =>
        chunked([150, 150, 150, 150], probe.task(sleepFor), {
          chunkSize: 4,
          rate: "10/s",
          mode: "collect",
          haltWhen: Effect.sleep(150),
        })
      )
      yield* assertStarts(timeline, [0, 100])
      expect(settled.notRun.map((notRun) => [notRun.index, notRun.reason])).toEqual([[2, "stopped"], [3, "stopped"]])
    }))

  it.effect("a strategy spaces each run from that run's own first start", () =>
    Effect.gen(function* () {
      const [starts] = yield* predictTimeline(() =>
        Effect.gen(function* () {
          const strategy = yield* chunkedStrategy({ chunkSize: 3, rate: "5/s" })
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

  it.effect("a bad rate refuses the run before anything starts, naming `rate`", () =>
    Effect.gen(function* () {
      let started = 0
      const error = yield* Effect.flip(
        chunked([1, 2], () => Effect.sync(() => started++), { chunkSize: 2, rate: "0/s" }),
      )
      expect(error).toBeInstanceOf(InvalidOptionError)
      expect(error.option).toBe("rate")
      expect(started).toBe(0)
      const fromStrategy = yield* Effect.flip(chunkedStrategy({ chunkSize: 2, rate: "abc" }))
      expect(fromStrategy.option).toBe("rate")
    }))
})

describe("unbounded takes no rate", () => {
  it.effect("a rate given to unbounded anyway is refused with the reason: it has no limit for a rate to sit on", () =>
    Effect.gen(function* () {
      let started = 0
      const options = { rate: "5/s" } as Record<never, never>
      const error = yield* Effect.flip(unbounded([1, 2], () => Effect.sync(() => started++), options))
      expect(error).toBeInstanceOf(InvalidOptionError)
      expect(error.message).toBe(
        'Invalid option "rate": unbounded takes no rate, it has no limit for a rate to sit on (use pooled or chunked), got "5/s"',
      )
      expect(started).toBe(0)
    }))
})
