/**
 * The sync engine's own stream runs of a strategy (strategyStream.ts): a kit
 * strategy drained runs its plan for the tasks' effects alone, with every
 * semantic of a run kept; a strategy built elsewhere runs through its `run`;
 * a stage may ask for a larger result buffer.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Clock, Duration, Effect, Exit, Fiber, Stream, TestClock } from "effect"
import { chunkedStrategy, liveLimit, pooled, pooledStrategy, type Strategy, unboundedStrategy } from "poolwise"
import { greedyStarts, inVirtualTime } from "poolwise/testing"
import { drainOver, streamOver } from "../../../src/internal/strategies/strategyStream.ts"
import { workerStream } from "../../../src/internal/strategies/workerStream.ts"

/** Sleeps `ms`; records when each index started, how many ran at once, how many ended. */
const recorder = () => {
  const starts: Array<number> = []
  const state = { running: 0, peak: 0, ended: 0, interrupted: 0 }
  const task = (ms: number, index: number) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      starts[index] = now
      state.peak = Math.max(state.peak, ++state.running)
      return Effect.sleep(Duration.millis(ms)).pipe(
        Effect.zipRight(Effect.sync(() => void state.ended++)),
        Effect.onInterrupt(() => Effect.sync(() => void state.interrupted++)),
        Effect.ensuring(Effect.sync(() => void state.running--)),
      )
    })
  return { task, starts, state }
}

/** `strategy` whose public `run` may not be called: a drain that works took the plan's own path. */
const runForbidden = (strategy: Strategy): Strategy => {
  ;(strategy as { run: unknown }).run = () => {
    throw new Error("the drain path was not taken")
  }
  return strategy
}

const durations = [50, 10, 30, 25, 40, 10, 60, 5]

describe("a kit strategy drained over a stream (the sync engine's row path)", () => {
  const kinds: ReadonlyArray<[string, Effect.Effect<Strategy, unknown>, number]> = [
    ["pooled, fixed 3", pooledStrategy({ concurrency: 3 }), 3],
    ["pooled, a live limit of 3", Effect.flatMap(liveLimit(3), (limit) => pooledStrategy({ concurrency: limit })), 3],
    ["chunked, 3", chunkedStrategy({ chunkSize: 3 }), 3],
    ["unbounded", unboundedStrategy(), durations.length],
  ]
  it.effect.each(kinds)(
    "%s: runs every item once through its plan (its `run` never called), never more than the limit at once",
    ([, made, limit]) =>
      Effect.gen(function* () {
        const strategy = runForbidden(yield* made)
        const { task, starts, state } = recorder()
        yield* inVirtualTime(drainOver(strategy, Stream.fromIterable(durations).pipe(Stream.rechunk(2)), task))
        expect(starts.filter((at) => at !== undefined)).toHaveLength(durations.length)
        expect(state.ended).toBe(durations.length)
        expect(state.peak).toBeLessThanOrEqual(limit)
      }),
  )

  it.effect("pooled drained keeps the greedy schedule: a freed slot takes the next item at once", () =>
    Effect.gen(function* () {
      const strategy = runForbidden(yield* pooledStrategy({ concurrency: 3 }))
      const { task, starts, state } = recorder()
      yield* inVirtualTime(drainOver(strategy, Stream.fromIterable(durations), task))
      expect(starts).toEqual(greedyStarts(durations, 3))
      expect(state.peak).toBe(3)
    }))

  it.effect("pooled with a rate drained starts each item at its time (10/s: one every 100 ms)", () =>
    Effect.gen(function* () {
      const strategy = runForbidden(yield* pooledStrategy({ concurrency: 3, rate: "10/s" }))
      const { task, starts, state } = recorder()
      yield* inVirtualTime(drainOver(strategy, Stream.fromIterable([50, 50, 50, 50, 50]), task))
      expect(starts).toEqual([0, 100, 200, 300, 400])
      expect(state.ended).toBe(5)
    }))

  it.effect("the pooled crew with `discard` emits no result, and every task still runs", () =>
    Effect.gen(function* () {
      const { task, state } = recorder()
      const out = yield* inVirtualTime(
        Stream.runCollect(workerStream(task, 2, { discard: true })(Stream.fromIterable(durations))),
      )
      expect(Chunk.size(out)).toBe(0)
      expect(state.ended).toBe(durations.length)
    }))

  it.effect("a task's failure fails the drain and interrupts the running tasks; no item starts after it", () =>
    Effect.gen(function* () {
      const strategy = runForbidden(yield* pooledStrategy({ concurrency: 2 }))
      const { task, starts, state } = recorder()
      const failing = (ms: number, index: number) =>
        index === 3 ? Effect.zipRight(Effect.sleep(Duration.millis(5)), Effect.fail("boom")) : task(ms, index)
      const exit = yield* inVirtualTime(
        Effect.exit(drainOver(strategy, Stream.fromIterable([10, 100, 10, 0, 10, 10, 10]), failing)),
      )
      expect(exit).toEqual(Exit.fail("boom"))
      // Items 0 and 1 at 0, item 2 at 10, item 3 at 20 fails at 25 while item 1 runs: item 1 is interrupted.
      expect(starts.slice(0, 3)).toEqual([0, 0, 10])
      expect(starts.length).toBeLessThanOrEqual(4)
      expect(state.interrupted).toBe(1)
      expect(state.running).toBe(0)
    }))

  it.effect("an input that fails lets the running tasks finish, then fails the drain with it", () =>
    Effect.gen(function* () {
      const strategy = runForbidden(yield* pooledStrategy({ concurrency: 3 }))
      const { task, state } = recorder()
      const input = Stream.concat(Stream.fromIterable([30, 40]), Stream.fail("input broke"))
      const exit = yield* inVirtualTime(Effect.exit(drainOver(strategy, input, task)))
      expect(exit).toEqual(Exit.fail("input broke"))
      expect(state.ended).toBe(2)
      expect(state.interrupted).toBe(0)
    }))

  it.effect("interrupting the drain interrupts every running task", () =>
    Effect.gen(function* () {
      const strategy = runForbidden(yield* pooledStrategy({ concurrency: 3 }))
      const { task, state } = recorder()
      const fiber = yield* Effect.fork(drainOver(strategy, Stream.fromIterable([100, 100, 100, 100, 100]), task))
      yield* TestClock.adjust(Duration.millis(50))
      expect(state.running).toBe(3)
      yield* Fiber.interrupt(fiber)
      expect(state.interrupted).toBe(3)
      expect(state.running).toBe(0)
      expect(state.ended).toBe(0)
    }))

  it.effect("a strategy built elsewhere runs through its own `run`, as completed, and is drained", () =>
    Effect.gen(function* () {
      const calls: Array<unknown> = []
      const kit = yield* pooledStrategy({ concurrency: 2 })
      const elsewhere: Strategy = {
        name: "pooled",
        limit: 2,
        run: ((items: unknown, task: never, options: unknown) => {
          calls.push(options)
          return kit.run(items as never, task, options as never)
        }) as unknown as Strategy["run"],
      }
      const { task, state } = recorder()
      yield* inVirtualTime(drainOver(elsewhere, Stream.fromIterable(durations), task))
      expect(calls).toEqual([{ ordered: false }])
      expect(state.ended).toBe(durations.length)
      expect(state.peak).toBe(2)
    }))
})

describe("a stream run with room for more results (the sync engine's bulk stage)", () => {
  const finishedWhileUnread = (run: (input: Stream.Stream<number>) => Stream.Stream<number, unknown>) =>
    Effect.gen(function* () {
      let finished = 0
      const input = Stream.range(1, 100).pipe(Stream.rechunk(1), Stream.tap(() => Effect.sync(() => finished++)))
      const consumer = yield* Effect.fork(Stream.runForEach(run(input), () => Effect.never))
      yield* Effect.repeatN(Effect.yieldNow(), 300)
      yield* Fiber.interrupt(consumer)
      return finished
    })

  it.effect("asked for room for 60, a pooled run of 2 finishes 60 items the consumer has not read; by default far fewer", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 2 })
      const roomy = yield* finishedWhileUnread((input) => streamOver(strategy, input, (n) => Effect.succeed(n), 60))
      const plain = yield* finishedWhileUnread((input) => pooled(input, (n) => Effect.succeed(n), { concurrency: 2 }))
      // The chunk the consumer took, the buffer, the tasks holding a result, the one handed over.
      expect(roomy).toBeGreaterThanOrEqual(60)
      expect(roomy).toBeLessThanOrEqual(60 + 60 + 2 + 1)
      expect(plain).toBeLessThanOrEqual(16 + 16 + 2 * 2 + 2 + 1)
    }))
})
