import { describe, expect, it } from "@effect/vitest"
import { Chunk, Clock, Deferred, Effect, Either, Fiber, Stream, TestClock } from "effect"
import { chunked, chunkedStrategy, pooled, pooledStrategy, TaskNotRun, unbounded, unboundedStrategy } from "poolwise"
import { chunkedStarts, greedyStarts, inVirtualTime, sleepFor } from "poolwise/testing"

/** The blog's workload and a longer one. */
const durations = [100, 300, 200, 50, 80, 20]

/** A task that sleeps its item and records when each index started. */
const recording = () => {
  const starts: Array<number> = []
  const task = (ms: number, index: number) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      starts[index] = now
      return sleepFor(ms, index)
    })
  return { starts, task }
}

async function* asyncOf<A>(items: ReadonlyArray<A>) {
  for (const item of items) yield item
}

/** Each kind of input the runners take, holding the same items, and how to get an array back. */
const inputs = {
  array: (items: ReadonlyArray<number>) => items,
  iterable: (items: ReadonlyArray<number>) => new Set(items),
  "async iterable": (items: ReadonlyArray<number>) => asyncOf(items),
  stream: (items: ReadonlyArray<number>) => Stream.fromIterable(items),
}
const toArray = (out: unknown): Effect.Effect<Array<unknown>, unknown> =>
  Effect.isEffect(out)
    ? (out as Effect.Effect<Array<unknown>, unknown>)
    : Effect.map(Stream.runCollect(out as Stream.Stream<unknown, unknown>), Chunk.toArray)

describe("one face over every input: the same starts and the same results in input order", () => {
  describe.each(Object.entries(inputs))("%s", (_, make) => {
    it.effect("pooled(2) starts each task when a slot frees up (greedy), results in input order", () =>
      Effect.gen(function* () {
        const { starts, task } = recording()
        // A Set drops duplicates: the durations are distinct.
        const out = yield* inVirtualTime(toArray(pooled(make(durations), task, { concurrency: 2 })))
        expect(out).toEqual(durations)
        expect(starts).toEqual(greedyStarts(durations, 2))
      }))

    it.effect("chunked(2) starts a chunk when the whole previous one is done, results in input order", () =>
      Effect.gen(function* () {
        const { starts, task } = recording()
        const out = yield* inVirtualTime(toArray(chunked(make(durations), task, { chunkSize: 2 })))
        expect(out).toEqual(durations)
        expect(starts).toEqual(chunkedStarts(durations, 2))
      }))

    it.effect("unbounded starts everything at 0, results in input order", () =>
      Effect.gen(function* () {
        const { starts, task } = recording()
        const out = yield* inVirtualTime(toArray(unbounded(make(durations), task, {})))
        expect(out).toEqual(durations)
        expect(starts).toEqual(durations.map(() => 0))
      }))

    it.effect("a strategy held as a value runs the same schedule with the same defaults", () =>
      Effect.gen(function* () {
        for (const strategy of [yield* pooledStrategy({ concurrency: 2 }), yield* chunkedStrategy({ chunkSize: 2 })]) {
          const { starts, task } = recording()
          const out = yield* inVirtualTime(toArray(strategy.run(make(durations), task)))
          expect(out).toEqual(durations)
          expect(starts).toEqual(
            strategy.name === "pooled" ? greedyStarts(durations, 2) : chunkedStarts(durations, 2),
          )
        }
        const everything = yield* unboundedStrategy()
        expect(yield* toArray(everything.run(make([1, 2, 3]), (n) => Effect.succeed(n * 2)))).toEqual([2, 4, 6])
      }))
  })
})

const failOnOdd = (n: number) => n % 2 === 1 ? Effect.fail(`odd ${n}`) : Effect.succeed(n * 10)

describe("collect mode over every input keeps each failure with its item", () => {
  it.effect.each(["array", "iterable", "async iterable"] as const)(
    "%s: a Settled with every item's outcome by index, the failures with their items",
    (kind) =>
      Effect.gen(function* () {
        const settled = yield* pooled(inputs[kind]([1, 2, 3, 4]), failOnOdd, { concurrency: 2, mode: "collect" })
        expect(settled.results).toEqual([
          Either.left("odd 1"),
          Either.right(20),
          Either.left("odd 3"),
          Either.right(40),
        ])
        expect(settled.errors).toEqual([{ index: 0, item: 1, error: "odd 1" }, { index: 2, item: 3, error: "odd 3" }])
        expect(settled.notRun).toEqual([])
      }),
  )

  it.effect("stream: each outcome as an Either, a failure as a TaskFailure with its index and item", () =>
    Effect.gen(function* () {
      const out = yield* Stream.runCollect(
        pooled(Stream.make(1, 2, 3, 4), failOnOdd, { concurrency: 2, mode: "collect" }),
      )
      expect(Chunk.toArray(out)).toEqual([
        Either.left({ index: 0, item: 1, error: "odd 1" }),
        Either.right(20),
        Either.left({ index: 2, item: 3, error: "odd 3" }),
        Either.right(40),
      ])
    }))

  it.effect("fail-fast over a stream fails it with the first failure", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Stream.runCollect(pooled(Stream.make(2, 4, 5, 6), failOnOdd, { concurrency: 1 })),
      )
      expect(error).toBe("odd 5")
    }))
})

describe("an async iterable: read one item as a slot frees up, its failures and its end accounted for", () => {
  it.effect("an input that throws: fail-fast fails with TaskNotRun 'input failed' at its index; collect lists it", () =>
    Effect.gen(function* () {
      async function* broken() {
        yield 1
        yield 2
        throw new Error("page 3 is gone")
      }
      const error = yield* Effect.flip(pooled(broken(), Effect.succeed, { concurrency: 2 }))
      expect(error).toBeInstanceOf(TaskNotRun)
      expect(error).toMatchObject({ index: 2, reason: "input failed" })
      const settled = yield* pooled(broken(), Effect.succeed, { concurrency: 2, mode: "collect" })
      expect(settled.results.slice(0, 2)).toEqual([Either.right(1), Either.right(2)])
      expect(settled.notRun.map((n) => [n.index, n.reason])).toEqual([[2, "input failed"]])
    }))

  it.effect("is never read ahead of the free slots, and is closed (its finally runs) when the run ends early", () =>
    Effect.gen(function* () {
      let read = 0
      let closed = false
      async function* endless() {
        try {
          for (let n = 0;; n++) {
            read++
            yield n
          }
        } finally {
          closed = true
        }
      }
      const stop = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(
        pooled(endless(), (n: number) => Effect.as(Effect.sleep("1 second"), n), {
          concurrency: 3,
          mode: "collect",
          haltWhen: Deferred.await(stop),
        }),
      )
      yield* TestClock.adjust("2500 millis")
      // Two rounds of 3 have finished and the third is running: 9 items read, one waiting at most.
      expect(read).toBeLessThanOrEqual(10)
      yield* Deferred.succeed(stop, undefined)
      yield* TestClock.adjust("1 second")
      const settled = yield* Fiber.join(fiber)
      expect(settled.errors).toEqual([])
      expect(settled.results.filter(Either.isRight)).toHaveLength(9)
      expect(closed).toBe(true)
    }))
})

describe("stops end a stream, as Stream.haltWhen and Stream.interruptWhen do", () => {
  it.effect("haltWhen: no new item starts; the running ones finish and are emitted; the stream ends", () =>
    Effect.gen(function* () {
      const stop = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(
        Stream.runCollect(pooled(Stream.iterate(1, (n) => n + 1), (n: number) => Effect.as(Effect.sleep(100), n), {
          concurrency: 2,
          haltWhen: Deferred.await(stop),
        })),
      )
      yield* TestClock.adjust("150 millis")
      yield* Deferred.succeed(stop, undefined)
      yield* TestClock.adjust("100 millis")
      expect(Chunk.toArray(yield* Fiber.join(fiber))).toEqual([1, 2, 3, 4])
    }))

  it.effect("interruptWhen: the running items are interrupted and the stream ends at once", () =>
    Effect.gen(function* () {
      const stop = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(
        Stream.runCollect(pooled(Stream.iterate(1, (n) => n + 1), (n: number) => Effect.as(Effect.sleep(100), n), {
          concurrency: 2,
          interruptWhen: Deferred.await(stop),
        })),
      )
      yield* TestClock.adjust("150 millis")
      yield* Deferred.succeed(stop, undefined)
      expect(Chunk.toArray(yield* Fiber.join(fiber))).toEqual([1, 2])
    }))
})
