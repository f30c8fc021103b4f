/**
 * What a service can watch while the job runs: progress snapshots, the
 * connection-wait histogram, and a peak that counts only open connections.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Metric, TestClock } from "effect"
import { makeProgress, pooledStrategy, unboundedStrategy } from "poolwise"
import { noRetries, PoolMetrics, syncProductStatus } from "poolwise/sync"
import { failedIds, latencies, simulated } from "./fixtures.ts"

describe("the job's progress and pool metrics", () => {
  it.effect("progress counts each product as it starts and ends: mid-run 3 started, 1 done, 2 in flight, 25%", () =>
    Effect.gen(function* () {
      const progress = yield* makeProgress(4)
      const strategy = yield* pooledStrategy({ concurrency: 2 })
      const fiber = yield* Effect.fork(syncProductStatus({ strategy, products: 4, progress }))
      // Supplier 100, 300, 200, 50 ms; statements take no time. Product 1 is
      // done at 100, product 3 took its slot then; product 2 runs until 300.
      yield* TestClock.adjust("150 millis")
      expect(yield* progress.snapshot).toEqual({
        total: 4,
        started: 3,
        succeeded: 1,
        failed: 0,
        inFlight: 2,
        finished: 1,
        percent: 25,
      })
      yield* TestClock.adjust("1 second")
      const report = yield* Fiber.join(fiber)
      expect(yield* progress.snapshot).toMatchObject({ succeeded: 3, failed: 1, inFlight: 0, percent: 100 })
      // The same figures as the report.
      expect(report.updated).toBe(3)
      expect(failedIds(report)).toEqual([4])
    }).pipe(
      Effect.provide(
        simulated({ products: 4, poolSize: 2, queryLatency: 0 }, {
          latency: latencies([100, 300, 200, 50]),
          respond: (id) => id === 4 ? { id, stock: -1, discontinued: false } : undefined,
        }),
      ),
    ))

  it.effect("the connection-wait histogram records each statement's wait: 4 writes through 1 connection wait 0+50+100+150 ms", () =>
    Effect.gen(function* () {
      const before = yield* Metric.value(PoolMetrics.connectionWait)
      const strategy = yield* pooledStrategy({ concurrency: 4 })
      const fiber = yield* Effect.fork(syncProductStatus({ strategy, products: 4 }))
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      const after = yield* Metric.value(PoolMetrics.connectionWait)
      // The page read (no wait) and the four writes, queued at 150 ms for the one connection.
      expect(after.count - before.count).toBe(5)
      expect(after.sum - before.sum).toBe(0 + 0 + 50 + 100 + 150)
    }).pipe(Effect.provide(simulated({ products: 4, poolSize: 1, queryLatency: 50 }, { latency: 100 }))))

  it.effect("peakConnections counts connections the server accepted: an unbounded run over a pool of 160 against max_connections 151 peaks at 151", () =>
    Effect.gen(function* () {
      const strategy = yield* unboundedStrategy()
      const fiber = yield* Effect.fork(syncProductStatus({ strategy, products: 160, retry: noRetries }))
      yield* TestClock.adjust("10 seconds")
      const report = yield* Fiber.join(fiber)
      expect(report.failed).toBeGreaterThan(0)
      expect(report.peakConnections).toBe(151)
    }).pipe(
      Effect.provide(
        simulated({ products: 160, poolSize: 160, maxConnections: 151, queryLatency: 10 }, { latency: 100 }),
      ),
    ))
})
