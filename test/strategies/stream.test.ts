import { describe, expect, it } from "@effect/vitest"
import { Chunk, Clock, Duration, Effect, Fiber, Stream } from "effect"
import { InvalidOptionError, pooled } from "poolwise"
import { greedyStarts, inVirtualTime } from "poolwise/testing"

/** Sleeps `ms`; records when each index started and what it was given. */
const recorder = () => {
  const starts: Array<number> = []
  let running = 0
  let peak = 0
  const task = (ms: number, index: number) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      starts[index] = now
      peak = Math.max(peak, ++running)
      return Effect.as(Effect.sleep(Duration.millis(ms)), `${index}:${ms}`).pipe(
        Effect.ensuring(Effect.sync(() => running--)),
      )
    })
  return { task, starts, peak: () => peak }
}

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toArray)

describe("pooled over a Stream: the pool as a stream (pMapIterable, Stream.mapEffect)", () => {
  const durations = [50, 10, 30, 25, 40, 10, 60, 5]
  const input = () => Stream.fromIterable(durations).pipe(Stream.rechunk(2))

  it.effect("in input order by default; each task gets its item and index; a freed slot takes the next item at once", () =>
    Effect.gen(function* () {
      const { task, starts, peak } = recorder()
      const blog = [100, 300, 200, 50, 80, 20]
      const out = yield* inVirtualTime(collect(pooled(Stream.fromIterable(blog), task, { concurrency: 2 })))
      expect(out).toEqual(blog.map((ms, i) => `${i}:${ms}`))
      expect(starts).toEqual(greedyStarts(blog, 2))
      expect(starts).toEqual([0, 0, 100, 300, 300, 350])
      expect(peak()).toBe(2)
    }))

  it.effect("ordered: false: each result as soon as its task ends, with the same starts", () =>
    Effect.gen(function* () {
      const { task, starts } = recorder()
      const out = yield* inVirtualTime(collect(input().pipe(pooled(task, { concurrency: 3, ordered: false }))))
      expect(out.map((r) => Number(r.split(":")[0]))).toEqual([1, 2, 3, 5, 0, 7, 4, 6])
      expect(starts).toEqual(greedyStarts(durations, 3))
    }))

  it.effect("in input order, a slow first item holds back at most 2 × limit items started and not yet emitted", () =>
    Effect.gen(function* () {
      const { task, starts } = recorder()
      const slowFirst = [1_000, ...Array.from({ length: 20 }, () => 10)]
      const out = yield* inVirtualTime(collect(pooled(Stream.fromIterable(slowFirst), task, { concurrency: 2 })))
      expect(out).toHaveLength(21)
      // Items 1..3 run while item 0 does; item 4 would make 5 unemitted > 2 × 2, so it waits for item 0.
      expect(starts.slice(0, 5)).toEqual([0, 0, 10, 20, 1_000])
    }))

  it.effect.each([true, false])(
    "backpressure (ordered: %s): an endless input stops being read while the consumer does not ask for more",
    (ordered) =>
      Effect.gen(function* () {
        let reads = 0
        const endless = Stream.iterate(0, (n) => n + 1).pipe(
          Stream.rechunk(1),
          Stream.tap(() => Effect.sync(() => reads++)),
        )
        const results = pooled(endless, (n: number) => Effect.succeed(n * 2), { concurrency: 3, ordered })
        const consumer = yield* Effect.fork(Stream.runForEach(results, () => Effect.never))
        const settle = Effect.repeatN(Effect.yieldNow(), 200)
        yield* settle
        const readWhileBlocked = reads
        yield* settle
        expect(reads).toBe(readWhileBlocked)
        // The chunk the consumer took and the output buffer (max(limit, 16) each), the
        // items waiting for their turn (2 × limit), the tasks, the one handed over.
        expect(reads).toBeLessThanOrEqual(16 + 16 + 2 * 3 + 3 + 1)
        yield* Fiber.interrupt(consumer)
      }),
  )

  it.effect("an AsyncIterable made a Stream (Stream.fromAsyncIterable) gives a Stream of results in input order", () =>
    Effect.gen(function* () {
      async function* pages() {
        for (let page = 1; page <= 4; page++) yield page
      }
      const out = yield* collect(
        pooled(Stream.fromAsyncIterable(pages(), (e) => e), (page, index) => Effect.succeed(page * 10 + index), {
          concurrency: 2,
        }),
      )
      expect(out).toEqual([10, 21, 32, 43])
    }))

  it.effect("a bad concurrency fails the stream with InvalidOptionError, before the input is read", () =>
    Effect.gen(function* () {
      let reads = 0
      const counted = Stream.fromIterable([1, 2]).pipe(Stream.tap(() => Effect.sync(() => reads++)))
      const error = yield* Effect.flip(collect(pooled(counted, Effect.succeed, { concurrency: 0 })))
      expect(error).toBeInstanceOf(InvalidOptionError)
      expect(error).toMatchObject({ option: "concurrency", value: 0 })
      expect(reads).toBe(0)
    }))
})
