import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Either, Exit, Fiber, Option, TestClock } from "effect"
import { chunked, pooled, TaskNotRun, unbounded } from "poolwise"
import { startsByIndex } from "poolwise/timeline"
import { greedyStarts, inVirtualTime, predictTimeline, sleepFor } from "poolwise/testing"

/** An iterable that counts how many items were read from it, and whether it was closed. */
const counted = (durations: Iterable<number>, failAt = Number.POSITIVE_INFINITY) => {
  const input = {
    read: 0,
    closed: false,
    *[Symbol.iterator]() {
      try {
        for (const ms of durations) {
          if (input.read === failAt) throw new Error(`disk gone at ${failAt}`)
          input.read++
          yield ms
        }
      } finally {
        input.closed = true
      }
    },
  }
  return input
}

function* forever(ms: number) {
  for (;;) yield ms
}

/** Sleeps `ms`; records, as it starts, how many items had been read and how many were running. */
const probe = (input: { read: number }) => {
  const seen: Array<{ index: number; read: number; running: number }> = []
  let running = 0
  let finished = 0
  const task = (ms: number, index: number) =>
    Effect.suspend(() => {
      seen.push({ index, read: input.read, running: ++running })
      return Effect.sleep(Duration.millis(ms)).pipe(
        Effect.ensuring(Effect.sync(() => {
          running--
          finished++
        })),
        Effect.as(ms),
      )
    })
  return { task, seen, finished: () => finished }
}

describe("lazy input: an iterable is read only as slots free up", () => {
  it.effect("when the first task starts, at most `limit` items have been read (p-map and promise-pool read the same)", () =>
    Effect.gen(function* () {
      const input = counted(Array.from({ length: 100 }, () => 10))
      const { task, seen } = probe(input)
      const results = yield* inVirtualTime(pooled(input, task, { concurrency: 4 }))
      expect(results).toHaveLength(100)
      expect(seen[0]!.read).toBeLessThanOrEqual(4)
      // At every start: read - started ≤ limit, so the input is never read ahead of the free slots.
      seen.forEach(({ read }, started) => expect(read - started).toBeLessThanOrEqual(4))
      expect(Math.max(...seen.map((s) => s.running))).toBe(4)
    }))

  it.effect("the schedule is the greedy one, as over an array: each item starts on the earliest free slot", () =>
    Effect.gen(function* () {
      const durations = [50, 10, 30, 25, 40, 10, 60, 5]
      const [results, timeline] = yield* predictTimeline((probe) =>
        pooled(counted(durations), probe.task(sleepFor), { concurrency: 3 })
      )
      expect(results).toEqual(durations)
      expect(startsByIndex(timeline)).toEqual(greedyStarts(durations, 3))
      expect(timeline.peakInFlight).toBe(3)
    }))

  it.effect("an infinite generator under Effect.timeout ends exactly on time, having read only what it ran", () =>
    Effect.gen(function* () {
      const input = counted(forever(50))
      const { task } = probe(input)
      const fiber = yield* Effect.fork(
        Effect.option(pooled(input, task, { concurrency: 4 }).pipe(Effect.timeout("200 millis"))),
      )
      yield* TestClock.adjust("199 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toEqual(Option.none())
      // Four slots, each started an item at 0, 50, 100, 150 and 200 at most.
      expect(input.read).toBeLessThanOrEqual(20)
      expect(input.closed).toBe(true)
    }))

  it.effect("100,000 items from a generator: never more than `limit` read and unfinished at once", () =>
    Effect.gen(function* () {
      let read = 0
      let finished = 0
      let peak = 0
      function* items() {
        for (let i = 0; i < 100_000; i++) {
          read++
          peak = Math.max(peak, read - finished)
          yield i
        }
      }
      const total = yield* pooled(items(), (n) =>
        Effect.sync(() => {
          finished++
          return n
        }), { concurrency: 8 })
      expect(total).toHaveLength(100_000)
      expect(peak).toBeLessThanOrEqual(8)
    }))

  it.effect("chunked reads one chunk at a time: the next chunk is read only when the previous one is done", () =>
    Effect.gen(function* () {
      const input = counted([100, 300, 200, 50, 10])
      const { task, seen } = probe(input)
      const results = yield* inVirtualTime(chunked(input, task, { chunkSize: 2 }))
      expect(results).toEqual([100, 300, 200, 50, 10])
      expect(seen.map((s) => [s.index, s.read])).toEqual([[0, 2], [1, 2], [2, 4], [3, 4], [4, 5]])
    }))
})

describe("an input that throws is a typed failure naming the index", () => {
  it.effect("fail-fast: the run fails with TaskNotRun at once, the running tasks are interrupted, the input closed", () =>
    Effect.gen(function* () {
      const input = counted([100, 1_000, 100, 100, 100], 3)
      const { task, seen } = probe(input)
      const fiber = yield* Effect.fork(pooled(input, task, { concurrency: 2 }))
      yield* TestClock.adjust("200 millis") // item 0 ends at 100, item 2 at 200: reading item 3 throws
      const exit = yield* Fiber.await(fiber)
      expect(Exit.isFailure(exit)).toBe(true)
      const error = yield* Effect.flip(exit)
      expect(error).toBeInstanceOf(TaskNotRun)
      expect(error).toMatchObject({ _tag: "TaskNotRun", index: 3, reason: "input failed" })
      expect(error.message).toBe("Item 3 could not be read: the input threw Error: disk gone at 3")
      expect(seen.map((s) => s.index)).toEqual([0, 1, 2])
      expect(input.closed).toBe(true)
    }))

  it.effect("collect: every item read before it runs to its end, and the failure is kept as item 3's outcome", () =>
    Effect.gen(function* () {
      const input = counted([100, 1_000, 100, 100], 3)
      const { task } = probe(input)
      const settled = yield* inVirtualTime(pooled(input, task, { concurrency: 2, mode: "collect" }))
      expect(settled.results.slice(0, 3)).toEqual([Either.right(100), Either.right(1_000), Either.right(100)])
      expect(settled.results).toHaveLength(4)
      expect(settled.errors).toEqual([])
      expect(settled.notRun.map((n) => [n.index, n.reason])).toEqual([[3, "input failed"]])
      expect(settled.results[3]).toEqual(Either.left(settled.notRun[0]))
    }))

  it.effect("chunked and unbounded report it the same way", () =>
    Effect.gen(function* () {
      const task = (n: number) => Effect.succeed(n)
      const viaChunked = yield* Effect.flip(chunked(counted([1, 2, 3], 2), task, { chunkSize: 2 }))
      const viaUnbounded = yield* Effect.flip(unbounded(counted([1, 2, 3], 2), task, {}))
      expect([viaChunked, viaUnbounded].map((e) => [e._tag, "index" in e && e.index])).toEqual([["TaskNotRun", 2], [
        "TaskNotRun",
        2,
      ]])
      const settled = yield* chunked(counted([1, 2, 3], 2), task, { chunkSize: 2, mode: "collect" })
      expect(settled.results.slice(0, 2)).toEqual([Either.right(1), Either.right(2)])
      expect(settled.notRun.map((n) => n.index)).toEqual([2])
    }))

  it.effect("a run that fails early closes the generator: its finally block runs", () =>
    Effect.gen(function* () {
      const input = counted([1, 2, 3, 4, 5])
      yield* Effect.flip(pooled(input, (n) => n === 2 ? Effect.fail("two") : Effect.succeed(n), { concurrency: 1 }))
      expect(input.read).toBe(2)
      expect(input.closed).toBe(true)
    }))
})
