/**
 * Retries in the sync job, in virtual time: which failures are retried, after
 * exactly which delays, and how they are counted.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Layer, Random, TestClock } from "effect"
import { type InvalidOptionError, pooledStrategy, type Strategy, unboundedStrategy } from "poolwise"
import {
  isRetryable,
  makeSimulatedRepository,
  ProductRepository,
  RepositoryError,
  type RetryPolicy,
  SupplierStatus,
  syncProductStatus,
} from "poolwise/sync"
import { latencies, simulated } from "./fixtures.ts"

const lostConnection = new RepositoryError({
  operation: "updateStatus",
  message: "Lost connection to MySQL server during query",
  errno: 2013,
  code: "PROTOCOL_CONNECTION_LOST",
})
const duplicateKey = new RepositoryError({
  operation: "updateStatus",
  message: "Duplicate entry '1' for key 'PRIMARY'",
  errno: 1062,
  code: "ER_DUP_ENTRY",
})

/** Runs to completion under TestClock. */
const settle = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

/**
 * Three products, supplier 100 ms, 10 ms statements. Writing product 1 fails
 * with `error` on its first `failures` attempts; `attempts` gets the virtual
 * time of each one.
 */
const flakyStore = (error: RepositoryError, failures: number, attempts: Array<number>) =>
  Layer.merge(
    Layer.effect(
      ProductRepository,
      Effect.map(makeSimulatedRepository({ products: 3, poolSize: 3, queryLatency: 10 }), (repo) => ({
        ...repo,
        updateStatus: (...args: Parameters<typeof repo.updateStatus>) =>
          args[0] !== 1 ? repo.updateStatus(...args) : Effect.flatMap(Clock.currentTimeMillis, (now) => {
            attempts.push(now)
            return attempts.length <= failures ? Effect.fail(error) : repo.updateStatus(...args)
          }),
      })),
    ),
    SupplierStatus.layerSimulated({ latency: 100 }),
  )

const exact: RetryPolicy = { times: 3, base: "100 millis", cap: "300 millis", jitter: false }

const sync = (retry: RetryPolicy | undefined, products = 3, strategy = pooledStrategy({ concurrency: 3 })) =>
  settle(Effect.flatMap(strategy, (s: Strategy) => syncProductStatus({ strategy: s, products, retry })))

describe("retries: transient SQL failures are retried with capped exponential backoff, others are reported", () => {
  it.effect("a lost connection is retried after 100 then 200 ms: the write lands at 410 ms, 2 retries counted", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      // page read 0..10, supplier 10..110, then the writes of product 1.
      expect(attempts).toEqual([110, 210, 410])
      expect(report).toMatchObject({ updated: 3, failed: [], retries: 2, elapsedMs: 420 })
    }).pipe(Effect.provide(flakyStore(lostConnection, 2, attempts)))
  })

  it.effect("delays double up to the cap (100, 200, 300 ms), then the last failure is reported with its errno", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      expect(attempts).toEqual([110, 210, 410, 710])
      expect(report.retries).toBe(3)
      expect(report.updated).toBe(2)
      expect(report.failed).toEqual([{
        id: 1,
        reason: "Lost connection to MySQL server during query",
        errno: 2013,
        code: "PROTOCOL_CONNECTION_LOST",
      }])
      expect(report.elapsedMs).toBe(710)
    }).pipe(Effect.provide(flakyStore(lostConnection, 99, attempts)))
  })

  it.effect("a constraint violation is not retried: one attempt, reported at once, 0 retries", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      expect(attempts).toEqual([110])
      expect(report).toMatchObject({ updated: 2, retries: 0, elapsedMs: 120 })
      expect(report.failed).toMatchObject([{ id: 1, errno: 1062, code: "ER_DUP_ENTRY" }])
    }).pipe(Effect.provide(flakyStore(duplicateKey, 99, attempts)))
  })

  it.effect("retrying is off by default: the transient failure is reported after one attempt", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(undefined)
      expect(attempts).toEqual([110])
      expect(report).toMatchObject({ updated: 2, retries: 0 })
      expect(report.failed).toMatchObject([{ id: 1, errno: 2013 }])
    }).pipe(Effect.provide(flakyStore(lostConnection, 1, attempts)))
  })

  it.effect("jitter scales each delay by [0.8, 1.2) and the cap still holds exactly", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      yield* sync({ ...exact, jitter: true }).pipe(Effect.withRandom(Random.make(7)))
      const delays = attempts.slice(1).map((at, i) => at - attempts[i]!)
      expect(delays).toHaveLength(3)
      expect(delays[0]).toBeGreaterThanOrEqual(80)
      expect(delays[0]).toBeLessThan(120)
      expect(delays[1]).toBeGreaterThanOrEqual(160)
      expect(delays[1]).toBeLessThan(240)
      // 400 × [0.8, 1.2) is above 300 whatever the draw: capped.
      expect(delays[2]).toBe(300)
    }).pipe(Effect.provide(flakyStore(lostConnection, 3, attempts)))
  })

  it("only RepositoryErrors the server marks transient are retryable", () => {
    expect(isRetryable(lostConnection)).toBe(true)
    expect(isRetryable(new RepositoryError({ operation: "x", message: "Too many connections", errno: 1040 }))).toBe(
      true,
    )
    expect(isRetryable(duplicateKey)).toBe(false)
    expect(isRetryable(new Error("Lost connection"))).toBe(false)
  })

  it.effect("a bad policy is a typed InvalidOptionError naming the field", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 1 })
      const error = yield* Effect.flip(
        syncProductStatus({ strategy, products: 1, retry: { times: -1, base: 10, cap: 100 } }),
      )
      expect(error).toMatchObject({ _tag: "InvalidOptionError", option: "retry.times" })
      const infinite = yield* Effect.flip(
        syncProductStatus({ strategy, products: 1, retry: { times: 1, base: Duration.infinity, cap: 100 } }),
      )
      expect(infinite).toMatchObject({ _tag: "InvalidOptionError", option: "retry.base" })
    }).pipe(Effect.provide(simulated({ products: 1 }))))
})

// The incident's setup (test/sync/incident.test.ts): ten products, supplier
// 100 ms, 10 ms statements, a server that takes 3 connections at once.
const incident = (strategy: Effect.Effect<Strategy, InvalidOptionError>, poolSize: number, retry: RetryPolicy) =>
  sync(retry, 10, strategy).pipe(
    Effect.provide(simulated({ products: 10, poolSize, maxConnections: 3, queryLatency: 10 }, { latency: 100 })),
  )
const backoff: RetryPolicy = { times: 5, base: "100 millis", cap: "2 seconds", jitter: false }

describe("retries and the incident: unbounded against a cap of 3", () => {
  it.effect("with 5 retries unbounded ends up updating all 10, but only after 12 refused connections and 820 ms", () =>
    Effect.gen(function* () {
      const report = yield* incident(unboundedStrategy(), 10, backoff)
      // 110: 3 in, 7 refused; 210: 3 in, 4 refused; 410: 3 in, 1 refused; 810: the last one.
      expect(report).toMatchObject({ updated: 10, failed: [], retries: 12, elapsedMs: 820, peakConnections: 3 })
    }))

  it.effect("with 1 retry unbounded still loses 4 products to 'Too many connections'", () =>
    Effect.gen(function* () {
      const report = yield* incident(unboundedStrategy(), 10, { ...backoff, times: 1 })
      expect(report).toMatchObject({ updated: 6, retries: 7 })
      expect(report.failed.map((f) => f.errno)).toEqual([1040, 1040, 1040, 1040])
    }))

  it.effect("the fix needs no retry: a pool of 3 behind pooled(10) is done at 150 ms with 0 retries", () =>
    Effect.gen(function* () {
      const report = yield* incident(pooledStrategy({ concurrency: 10 }), 3, backoff)
      expect(report).toMatchObject({ updated: 10, failed: [], retries: 0, elapsedMs: 150 })
    }))
})

describe("per-item timeout", () => {
  it.effect("a product slower than itemTimeout fails alone with 'timed out after 1s'; the others are updated", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 3 })
      const report = yield* settle(syncProductStatus({ strategy, products: 3, itemTimeout: "1 second" }))
      expect(report.updated).toBe(2)
      expect(report.failed).toEqual([{ id: 2, reason: "timed out after 1s" }])
      // Product 2 started at 10 ms (after the page read) and was cut off 1 s later.
      expect(report.elapsedMs).toBe(1010)
    }).pipe(
      Effect.provide(simulated({ products: 3, queryLatency: 10 }, { latency: latencies([100, 5_000, 100]) })),
    ))
})
