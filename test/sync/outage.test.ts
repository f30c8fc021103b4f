/**
 * A server that goes away mid-run (a crash, a restart, a failover), on the
 * simulated store, in virtual time: by default the workers pause, one probe
 * waits for the server, and the run goes on; a server that stays away longer
 * than `serverWait` stops the run with a report that `resume` completes.
 * (test/integration/crash.test.ts does the same to a real MariaDB.)
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, type Duration, Effect, Layer, TestClock } from "effect"
import { pooledStrategy } from "poolwise"
import { defaultRetryPolicy, noRetries, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { expectAccounted, failuresOf, readAll, settle, simulatedStoreWith, writeModes } from "./fixtures.ts"

/** 20 products, pool 2, 10 ms statements, supplier 100 ms; the server is away from 150 ms for `lasting`. */
const store = (lasting: Duration.DurationInput, attempts: Array<number>) =>
  Layer.merge(
    simulatedStoreWith({ products: 20, poolSize: 2, queryLatency: 10, outages: [{ at: 150, lasting }] }, (repo) => ({
      ...repo,
      updateStatus: (...args) =>
        Effect.zipRight(
          Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => attempts.push(now))),
          repo.updateStatus(...args),
        ),
    })),
    SupplierStatus.layerSimulated({ latency: 100 }),
  )

const sync = (
  options: { readonly serverWait?: Duration.DurationInput; readonly resume?: boolean; readonly write?: "row" | "bulk" },
) =>
  Effect.flatMap(pooledStrategy({ concurrency: 4 }), (strategy) =>
    settle(
      syncProductStatus({
        strategy,
        products: 20,
        write: options.write,
        batchSize: 3,
        resume: options.resume,
        retry: { ...defaultRetryPolicy, serverWait: options.serverWait ?? "30 seconds" },
      }),
      "10 minutes",
    ))

describe("a server away for 2 s mid-run, with the default policy", () => {
  for (const write of writeModes) {
    it.effect(`write: "${write}": the run pauses, goes on when the server answers, and updates every product once`, () => {
      const attempts: Array<number> = []
      return Effect.gen(function* () {
        const report = yield* sync({ write })
        expect(report).toMatchObject({ updated: 20, failed: 0, outages: 1 })
        expect(report.stoppedBy).toBeUndefined()
        expect(report.elapsedMs).toBeGreaterThan(2_150)
        expect((yield* settle(readAll(20))).every((p) => p.syncedAt !== null)).toBe(true)
      }).pipe(Effect.provide(store("2 seconds", attempts)))
    })
  }

  it.effect("workers wait at the gate: no write is attempted while the server is away, one probe pings it", () => {
    const attempts: Array<number> = []
    return Effect.gen(function* () {
      yield* sync({})
      // The write that found the server gone (product 5, at 220 ms) is the only one until it is back.
      const during = attempts.filter((at) => at > 150 && at < 2_150)
      expect(during).toEqual([220])
    }).pipe(Effect.provide(store("2 seconds", attempts)))
  })

  it.effect("with retries off (noRetries) the same outage fails the products it touches at once", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 4 })
      const report = yield* settle(syncProductStatus({ strategy, products: 20, retry: noRetries }), "10 minutes")
      expect(report.failed).toBeGreaterThan(0)
      expect(report.outages).toBe(0)
      expectAccounted(report)
    }).pipe(Effect.provide(store("2 seconds", []))))
})

describe("a server away longer than serverWait", () => {
  it.effect("the run stops after serverWait with a report that names the wait; resume finishes the job", () =>
    Effect.gen(function* () {
      const first = yield* sync({ serverWait: "5 seconds" })
      expect(first.stoppedBy).toMatch(/^the server did not answer for 5s/)
      expectAccounted(first)
      expect(first.updated).toBeLessThan(20)
      // Cut-off writes the server could not be asked about are "unknown"; resume settles them.
      expect(new Set(failuresOf(first).map((f) => f.reason))).toEqual(
        new Set(["unknown (no reply from the server; --resume settles it)", "not attempted"]),
      )
      // Later the server is back (the outage lasted a minute): resume completes it.
      yield* TestClock.adjust("2 minutes")
      const second = yield* sync({ resume: true })
      expect(second).toMatchObject({
        resumed: true,
        alreadySynced: first.updated,
        updated: 20 - first.updated,
        failed: 0,
      })
    }).pipe(Effect.provide(store("1 minute", []))))
})
