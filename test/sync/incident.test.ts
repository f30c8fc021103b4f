import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { type InvalidOptionError, pooledStrategy, type Strategy, unboundedStrategy } from "poolwise"
import { syncProductStatus } from "poolwise/sync"
import { readAll, simulated } from "./fixtures.ts"

// Ten products, supplier 100 ms each, 10 ms statements, a server that accepts
// at most 3 connections at once.
const run = (strategy: Effect.Effect<Strategy, InvalidOptionError>, poolSize: number) =>
  Effect.gen(function* () {
    // Reading the rows back takes (virtual) time too, so it runs in the fork.
    const fiber = yield* Effect.fork(
      Effect.flatMap(strategy, (s) => syncProductStatus({ strategy: s, products: 10 })).pipe(
        Effect.zip(readAll(10)),
      ),
    )
    yield* TestClock.adjust("10 seconds")
    const [report, rows] = yield* Fiber.join(fiber)
    return { report, rows }
  }).pipe(Effect.provide(simulated({ products: 10, poolSize, maxConnections: 3, queryLatency: 10 }, { latency: 100 })))

describe("the incident: more connections at once than the server allows", () => {
  it.effect("unbounded over a pool of 10 against a cap of 3: 7 writes fail with MySQL's own errno 1040 'Too many connections'", () =>
    Effect.gen(function* () {
      const { report, rows } = yield* run(unboundedStrategy(), 10)
      expect(report.updated).toBe(3)
      expect(report.failed).toHaveLength(7)
      for (const failure of report.failed) {
        expect(failure).toMatchObject({ reason: "Too many connections", errno: 1040, code: "ER_CON_COUNT_ERROR" })
      }
      // The report names exactly the rows left unsynced.
      const unsynced = rows.filter((p) => p.syncedAt === null).map((p) => p.id)
      expect(report.failed.map((f) => f.id)).toEqual(unsynced)
      expect(report.updated + report.failed.length).toBe(report.products)
      expect(report.peakConnections).toBeLessThanOrEqual(10)
    }))

  it.effect("the fix: a pool of 3 (≤ the cap) with pooled(10) queues for connections and updates all 10", () =>
    Effect.gen(function* () {
      const { report, rows } = yield* run(pooledStrategy({ concurrency: 10 }), 3)
      expect(report).toMatchObject({ updated: 10, failed: [] })
      expect(report.peakConnections).toBe(3)
      expect(rows.every((p) => p.syncedAt !== null)).toBe(true)
    }))

  it.effect("a pool no larger than the cap never hits it, even with unbounded tasks", () =>
    Effect.gen(function* () {
      const { report } = yield* run(unboundedStrategy(), 3)
      expect(report).toMatchObject({ updated: 10, failed: [] })
      expect(report.peakConnections).toBeLessThanOrEqual(3)
    }))

  it.effect("one connection over the cap fails the whole queue: each refused write frees its slot at once for the next", () =>
    Effect.gen(function* () {
      const { report, rows } = yield* run(unboundedStrategy(), 4)
      // 3 writes hold the server's 3 connections for 10 ms; the 4th pool slot
      // is refused instantly and passes to the next waiter, and so on: 7 fail.
      expect(report.updated).toBe(3)
      expect(report.failed).toHaveLength(7)
      expect(report.failed.map((f) => f.id)).toEqual(rows.filter((p) => p.syncedAt === null).map((p) => p.id))
    }))
})
