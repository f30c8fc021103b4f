/**
 * Each knob of a retry policy alone: `times` (deadlocks, lock waits, a killed
 * connection), `refusedTimes` ("too many connections") and `serverWait` (a
 * server that went away) never turn one another off; `noRetries` turns all
 * three off. And the policy as a `Schedule` for statements of one's own.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Layer, TestClock } from "effect"
import { pooledStrategy } from "poolwise"
import {
  defaultRetryPolicy,
  noRetries,
  RepositoryError,
  type RetryPolicy,
  retrySchedule,
  SupplierStatus,
  syncProductStatus,
} from "poolwise/sync"
import { failuresOf, settle, simulatedStoreWith } from "./fixtures.ts"

const deadlock = new RepositoryError({ operation: "updateStatus", message: "Deadlock found", errno: 1213 })
const refused = new RepositoryError({ operation: "updateStatus", message: "Too many connections", errno: 1040 })
const killed = new RepositoryError({
  operation: "updateStatus",
  message: "Connection was killed",
  errno: 1927,
  code: "ER_CONNECTION_KILLED",
})

/**
 * Three products, supplier 100 ms, 10 ms statements (the server away from
 * `outageAt` for 2 s, when given). Writing product 1 fails with `error` on
 * its first `failures` attempts; `attempts` gets the virtual time of each.
 */
const flakyStore = (
  error: RepositoryError,
  failures: number,
  attempts: Array<number>,
  outageAt?: number,
) =>
  Layer.merge(
    simulatedStoreWith({
      products: 3,
      poolSize: 3,
      queryLatency: 10,
      outages: outageAt === undefined ? [] : [{ at: outageAt, lasting: "2 seconds" }],
    }, (repo) => ({
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

const sync = (retry: RetryPolicy) =>
  settle(
    Effect.flatMap(
      pooledStrategy({ concurrency: 3 }),
      (strategy) => syncProductStatus({ strategy, products: 3, retry }),
    ),
    "10 minutes",
  )

describe("times: 0 turns off only what `times` counts", () => {
  it.effect("a deadlock is reported after its one attempt, 0 retries", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync({ ...exact, times: 0 })
      expect(attempts).toEqual([110])
      expect(report).toMatchObject({ updated: 2, failed: 1, retries: 0 })
      expect(failuresOf(report)).toMatchObject([{ id: 1, errno: 1213 }])
    }).pipe(Effect.provide(flakyStore(deadlock, 1, attempts)))
  })

  it.effect("a connection killed on a server that still answers is not run again", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync({ ...exact, times: 0 })
      expect(attempts).toEqual([110])
      expect(failuresOf(report)).toMatchObject([{ id: 1, errno: 1927 }])
    }).pipe(Effect.provide(flakyStore(killed, 1, attempts)))
  })

  it.effect("'too many connections' is still retried refusedTimes (2) times, after 100 then 200 ms", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync({ ...exact, times: 0, refusedTimes: 2 })
      expect(attempts).toEqual([110, 210, 410])
      expect(report).toMatchObject({ updated: 3, failed: 0, retries: 2 })
    }).pipe(Effect.provide(flakyStore(refused, 2, attempts)))
  })

  it.effect("a server away for 2 s is still waited for (serverWait 30 s): every product updated, 1 outage", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      // The server goes away at 105 ms: product 1's write at 110 ms finds it gone.
      const report = yield* sync({ ...defaultRetryPolicy, times: 0 })
      expect(report).toMatchObject({ updated: 3, failed: 0, outages: 1 })
      expect(report.elapsedMs).toBeGreaterThan(2_000)
    }).pipe(Effect.provide(flakyStore(deadlock, 0, attempts, 105)))
  })
})

describe("refusedTimes and serverWait alone", () => {
  it.effect("refusedTimes: 0 reports 'too many connections' at once while deadlocks are still retried", () => {
    const refusedAttempts: Array<number> = []
    const deadlockAttempts: Array<number> = []
    return Effect.gen(function* () {
      const once = yield* sync({ ...exact, refusedTimes: 0 }).pipe(
        Effect.provide(flakyStore(refused, 1, refusedAttempts)),
      )
      expect(refusedAttempts).toEqual([110])
      expect(once).toMatchObject({ failed: 1, retries: 0 })
      // The first run moved the clock on: this one's times count from its start.
      const start = yield* Clock.currentTimeMillis
      const retried = yield* sync({ ...exact, refusedTimes: 0 }).pipe(
        Effect.provide(flakyStore(deadlock, 1, deadlockAttempts)),
      )
      expect(deadlockAttempts.map((at) => at - start)).toEqual([110, 210])
      expect(retried).toMatchObject({ updated: 3, retries: 1 })
    })
  })

  it.effect("serverWait: 0 reports a lost connection at once (no server gate) while deadlocks are still retried", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      const report = yield* sync({ ...exact, serverWait: 0 })
      expect(attempts).toEqual([110])
      expect(report).toMatchObject({ failed: 1, retries: 0, outages: 0 })
    }).pipe(Effect.provide(flakyStore(killed, 1, attempts)))
  })

  it.effect("noRetries turns all three off: refused, killed and deadlocked writes each fail after one attempt", () =>
    Effect.gen(function* () {
      for (const error of [refused, killed, deadlock]) {
        const attempts: Array<number> = []
        const start = yield* Clock.currentTimeMillis
        const report = yield* sync(noRetries).pipe(Effect.provide(flakyStore(error, 1, attempts)))
        expect(attempts.map((at) => at - start)).toEqual([110])
        expect(report).toMatchObject({ failed: 1, retries: 0 })
      }
    }))
})

describe("retrySchedule: the policy as a Schedule for statements of one's own", () => {
  // What an SqlError from @effect/sql looks like: the driver's error in `cause`.
  const sqlDeadlock = { _tag: "SqlError", message: "Failed to execute statement", cause: { errno: 1213 } }

  it.effect("a statement failing with a deadlock twice runs again after 100 then 200 ms and succeeds at 300 ms", () =>
    Effect.gen(function* () {
      const schedule = yield* retrySchedule(exact)
      const attempts: Array<number> = []
      const statement = Effect.flatMap(Clock.currentTimeMillis, (now) => {
        attempts.push(now)
        return attempts.length <= 2 ? Effect.fail(sqlDeadlock) : Effect.succeed("written")
      })
      const fiber = yield* Effect.fork(Effect.retry(statement, schedule))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(fiber)).toBe("written")
      expect(attempts).toEqual([0, 100, 300])
    }))

  it.effect("a lost connection and a permanent failure are returned after one attempt", () =>
    Effect.gen(function* () {
      const schedule = yield* retrySchedule(exact)
      for (const failure of [killed, { _tag: "SqlError", message: "Duplicate entry", cause: { errno: 1062 } }]) {
        let attempts = 0
        const error = yield* Effect.flip(
          Effect.retry(Effect.suspend(() => (attempts++, Effect.fail(failure))), schedule),
        )
        expect(error).toBe(failure)
        expect(attempts).toBe(1)
      }
    }))

  it.effect("a bad policy is refused before any statement, naming the field", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(retrySchedule({ times: 1, base: -1, cap: "-5 seconds" }))
      expect(error.message).toBe(
        'Invalid option "retry.base": expected a finite duration ≥ 0 (milliseconds, or a string such as "5 seconds"), got -1',
      )
    }))
})
