import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { chunkedStrategy, pooledStrategy, type Strategy } from "poolwise"
import { syncProductStatus } from "poolwise/sync"
import { latencies, simulated } from "./fixtures.ts"

// Supplier answers in 100, 300 and 200 ms; every statement takes 10 ms and the
// pool has 2 connections. The id page is read first (0..10 ms); then each
// product is fetched and its row updated (10 ms).
const workload = simulated({ products: 3, poolSize: 2, queryLatency: 10 }, { latency: latencies([100, 300, 200]) })

/** Forks the job, checks it is still running at T - 1 ms and done at T ms. */
const finishesAt = (strategy: Effect.Effect<Strategy, unknown>, makespan: number) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(
      Effect.flatMap(strategy, (s) => syncProductStatus({ strategy: s, products: 3 })),
    )
    yield* TestClock.adjust(makespan - 1)
    expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
    yield* TestClock.adjust(1)
    const done = yield* Fiber.poll(fiber)
    expect(Option.isSome(done)).toBe(true)
    return yield* Fiber.join(fiber)
  }).pipe(Effect.provide(workload))

describe("virtual makespan of the sync job: supplier 100, 300, 200 ms, 10 ms statements, pool of 2", () => {
  it.effect("pooled(2) starts product 3 as soon as product 1 is written (t=120): done at exactly 330 ms", () =>
    Effect.gen(function* () {
      const report = yield* finishesAt(pooledStrategy({ concurrency: 2 }), 330)
      expect(report).toMatchObject({ strategy: "pooled", updated: 3, failed: 0, elapsedMs: 330 })
    }))

  it.effect("chunked(2) starts product 3 only when the whole first chunk is written (t=320): done at exactly 530 ms", () =>
    Effect.gen(function* () {
      const report = yield* finishesAt(chunkedStrategy({ chunkSize: 2 }), 530)
      expect(report).toMatchObject({ strategy: "chunked", updated: 3, failed: 0, elapsedMs: 530 })
    }))

  it.effect("task concurrency above the pool size queues for a connection: 4 writes of 50 ms through 1 connection end at 350 ms", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        Effect.flatMap(
          pooledStrategy({ concurrency: 4 }),
          (strategy) => syncProductStatus({ strategy, products: 4 }),
        ).pipe(Effect.provide(simulated({ products: 4, poolSize: 1, queryLatency: 50 }, { latency: 100 }))),
      )
      // page 0..50, all four fetched 50..150, then the writes one at a time: 150..350.
      yield* TestClock.adjust(349)
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust(1)
      const report = yield* Fiber.join(fiber)
      expect(report).toMatchObject({ updated: 4, failed: 0, elapsedMs: 350, peakConnections: 1 })
    }))
})
