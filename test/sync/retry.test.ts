/**
 * Retries in the sync job, in virtual time: which failures are retried, after
 * exactly which delays, how they are counted, and that they are on by default.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Layer, Random } from "effect"
import { type InvalidOptionError, pooledStrategy, type Strategy } from "poolwise"
import {
  defaultRetryPolicy,
  noRetries,
  RepositoryError,
  type RetryPolicy,
  SupplierStatus,
  syncProductStatus,
} from "poolwise/sync"
import { failuresOf, latencies, settle, simulated, simulatedStoreWith } from "./fixtures.ts"

const deadlock = new RepositoryError({
  operation: "updateStatus",
  message: "Deadlock found when trying to get lock; try restarting transaction",
  errno: 1213,
  code: "ER_LOCK_DEADLOCK",
})
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

/**
 * Three products, supplier 100 ms, 10 ms statements. Writing product 1 fails
 * with `error` on its first `failures` attempts; `attempts` gets the virtual
 * time of each one.
 */
const flakyStore = (error: RepositoryError, failures: number, attempts: Array<number>) =>
  Layer.merge(
    simulatedStoreWith({ products: 3, poolSize: 3, queryLatency: 10 }, (repo) => ({
      ...repo,
      updateStatus: (...args) =>
        args[0] !== 1 ? repo.updateStatus(...args) : Effect.flatMap(Clock.currentTimeMillis, (now) => {
          attempts.push(now)
          return attempts.length <= failures ? Effect.fail(error) : repo.updateStatus(...args)
        }),
    })),
    SupplierStatus.layerSimulated({ latency: 100 }),
  )

const exact: RetryPolicy = { times: 3, base: "100 millis", cap: "300 millis", jitter: false }

const sync = (
  retry: RetryPolicy | undefined,
  products = 3,
  strategy: Effect.Effect<Strategy, InvalidOptionError> = pooledStrategy({ concurrency: 3 }),
) => settle(Effect.flatMap(strategy, (s) => syncProductStatus({ strategy: s, products, retry })))

describe("retries: deadlocks and lock wait timeouts are retried with capped exponential backoff", () => {
  it.effect("a deadlock is retried after 100 then 200 ms: the write lands at 410 ms, 2 retries counted", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      // page read 0..10, supplier 10..110, then the writes of product 1.
      expect(attempts).toEqual([110, 210, 410])
      expect(report).toMatchObject({ updated: 3, failed: 0, retries: 2, elapsedMs: 420 })
    }).pipe(Effect.provide(flakyStore(deadlock, 2, attempts)))
  })

  it.effect("delays double up to the cap (100, 200, 300 ms), then the last failure is reported with its errno", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      expect(attempts).toEqual([110, 210, 410, 710])
      expect(report.retries).toBe(3)
      expect(report.updated).toBe(2)
      expect(failuresOf(report)).toEqual([{ id: 1, reason: deadlock.message, errno: 1213, code: "ER_LOCK_DEADLOCK" }])
      expect(report.elapsedMs).toBe(710)
    }).pipe(Effect.provide(flakyStore(deadlock, 99, attempts)))
  })

  it.effect("a constraint violation is not retried: one attempt, reported at once, 0 retries", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      expect(attempts).toEqual([110])
      expect(report).toMatchObject({ updated: 2, retries: 0, elapsedMs: 120 })
      expect(failuresOf(report)).toMatchObject([{ id: 1, errno: 1062, code: "ER_DUP_ENTRY" }])
    }).pipe(Effect.provide(flakyStore(duplicateKey, 99, attempts)))
  })

  it.effect("retrying is on by default (defaultRetryPolicy): a deadlock is retried without asking", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(undefined)
      expect(attempts).toHaveLength(2)
      expect(report).toMatchObject({ updated: 3, failed: 0, retries: 1 })
    }).pipe(Effect.provide(flakyStore(deadlock, 1, attempts)))
  })

  it.effect("noRetries turns it off: the transient failure is reported after one attempt", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(noRetries)
      expect(attempts).toEqual([110])
      expect(report).toMatchObject({ updated: 2, retries: 0 })
      expect(failuresOf(report)).toMatchObject([{ id: 1, errno: 1213 }])
    }).pipe(Effect.provide(flakyStore(deadlock, 1, attempts)))
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
    }).pipe(Effect.provide(flakyStore(deadlock, 3, attempts)))
  })

  it("a RepositoryError's kind says how it is retried: contention, connection and refused are transient, the rest not", () => {
    const refused = new RepositoryError({ operation: "x", message: "Too many connections", errno: 1040 })
    expect([deadlock, lostConnection, refused, duplicateKey].map((error) => [error.kind, error.transient])).toEqual([
      ["contention", true],
      ["connection", true],
      ["refused", true],
      ["permanent", false],
    ])
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
      const wait = yield* Effect.flip(
        syncProductStatus({ strategy, products: 1, retry: { ...defaultRetryPolicy, serverWait: Duration.infinity } }),
      )
      expect(wait).toMatchObject({ _tag: "InvalidOptionError", option: "retry.serverWait" })
    }).pipe(Effect.provide(simulated({ products: 1 }))))
})

describe("a lost connection on a server that still answers (e.g. KILL CONNECTION) is run again at once", () => {
  it.effect("the write is retried right after a ping answers: no backoff, 1 retry, every product updated", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      expect(attempts).toEqual([110, 110])
      expect(report).toMatchObject({ updated: 3, failed: 0, retries: 1, outages: 0 })
    }).pipe(Effect.provide(flakyStore(lostConnection, 1, attempts)))
  })

  it.effect("a connection lost on every attempt is given up after `times` retries, with the driver's message", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync(exact)
      expect(attempts).toHaveLength(4)
      expect(failuresOf(report)).toMatchObject([{ id: 1, code: "PROTOCOL_CONNECTION_LOST" }])
    }).pipe(Effect.provide(flakyStore(lostConnection, 99, attempts)))
  })
})

describe("per-item timeout", () => {
  it.effect("a product slower than itemTimeout fails alone with 'timed out after 1s'; the others are updated", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 3 })
      const report = yield* settle(syncProductStatus({ strategy, products: 3, itemTimeout: "1 second" }))
      expect(report.updated).toBe(2)
      expect(failuresOf(report)).toEqual([{ id: 2, reason: "timed out after 1s" }])
      // Product 2 started at 10 ms (after the page read) and was cut off 1 s later.
      expect(report.elapsedMs).toBe(1010)
    }).pipe(
      Effect.provide(simulated({ products: 3, queryLatency: 10 }, { latency: latencies([100, 5_000, 100]) })),
    ))
})
