import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { type InvalidOptionError, pooledStrategy, type Strategy, unboundedStrategy } from "poolwise"
import { defaultRetryPolicy, noRetries, type RetryPolicy, syncProductStatus } from "poolwise/sync"
import { expectAccounted, failedIds, failuresOf, readAll, simulated } from "./fixtures.ts"

// Ten products (or `products`), supplier 100 ms each, 10 ms statements, a
// server that accepts at most 3 connections at once. Without retries: what the
// server did, statement by statement.
const run = (
  strategy: Effect.Effect<Strategy, InvalidOptionError>,
  poolSize: number,
  options: { readonly retry?: RetryPolicy; readonly products?: number } = {},
) => {
  const products = options.products ?? 10
  return Effect.gen(function* () {
    // Reading the rows back takes (virtual) time too, so it runs in the fork.
    const fiber = yield* Effect.fork(
      Effect.flatMap(strategy, (s) => syncProductStatus({ strategy: s, products, retry: options.retry ?? noRetries }))
        .pipe(Effect.zip(readAll(products))),
    )
    yield* TestClock.adjust("10 seconds")
    const [report, rows] = yield* Fiber.join(fiber)
    return { report, rows }
  }).pipe(
    Effect.provide(simulated({ products, poolSize, maxConnections: 3, queryLatency: 10 }, { latency: 100 })),
  )
}

describe("the incident: more connections at once than the server allows (no retries)", () => {
  it.effect("unbounded over a pool of 10 against a cap of 3: 7 writes fail with MySQL's own errno 1040 'Too many connections'", () =>
    Effect.gen(function* () {
      const { report, rows } = yield* run(unboundedStrategy(), 10)
      expect(report.updated).toBe(3)
      expect(report.failed).toBe(7)
      for (const failure of failuresOf(report)) {
        expect(failure).toMatchObject({ reason: "Too many connections", errno: 1040, code: "ER_CON_COUNT_ERROR" })
      }
      // The report names exactly the rows left unsynced.
      const unsynced = rows.filter((p) => p.syncedAt === null).map((p) => p.id)
      expect(failedIds(report)).toEqual(unsynced)
      expectAccounted(report)
      expect(report.peakConnections).toBeLessThanOrEqual(10)
    }))

  it.effect("the fix: a pool of 3 (≤ the cap) with pooled(10) queues for connections and updates all 10", () =>
    Effect.gen(function* () {
      const { report, rows } = yield* run(pooledStrategy({ concurrency: 10 }), 3)
      expect(report).toMatchObject({ updated: 10, failed: 0 })
      expect(report.peakConnections).toBe(3)
      expect(rows.every((p) => p.syncedAt !== null)).toBe(true)
    }))

  it.effect("a pool no larger than the cap never hits it, even with unbounded tasks", () =>
    Effect.gen(function* () {
      const { report } = yield* run(unboundedStrategy(), 3)
      expect(report).toMatchObject({ updated: 10, failed: 0 })
      expect(report.peakConnections).toBeLessThanOrEqual(3)
    }))

  it.effect("one connection over the cap fails the whole queue: each refused write frees its slot at once for the next", () =>
    Effect.gen(function* () {
      const { report, rows } = yield* run(unboundedStrategy(), 4)
      // 3 writes hold the server's 3 connections for 10 ms; the 4th pool slot
      // is refused instantly and passes to the next waiter, and so on: 7 fail.
      expect(report.updated).toBe(3)
      expect(report.failed).toBe(7)
      expect(failedIds(report)).toEqual(rows.filter((p) => p.syncedAt === null).map((p) => p.id))
    }))
})

describe("the incident under the default retries: 'too many connections' is retried twice, briefly, then reported", () => {
  it.effect("unbounded, 100 products over a pool of 100 against a cap of 3: most writes still end refused (1040)", () =>
    Effect.gen(function* () {
      const { report, rows } = yield* run(unboundedStrategy(), 100, { retry: defaultRetryPolicy, products: 100 })
      expect(report.failed).toBeGreaterThan(50)
      expect(new Set(failuresOf(report).map((f) => f.errno))).toEqual(new Set([1040]))
      expect(failedIds(report)).toEqual(rows.filter((p) => p.syncedAt === null).map((p) => p.id))
      expectAccounted(report)
    }))

  it.effect("the fix needs no retry: a pool of 3 behind pooled(10) updates all 100 with 0 retries", () =>
    Effect.gen(function* () {
      const { report } = yield* run(pooledStrategy({ concurrency: 10 }), 3, {
        retry: defaultRetryPolicy,
        products: 100,
      })
      expect(report).toMatchObject({ updated: 100, failed: 0, retries: 0, peakConnections: 3 })
    }))
})
