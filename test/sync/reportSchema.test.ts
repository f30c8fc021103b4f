/**
 * The report is an Effect Schema: what a run returns is what `SyncReport`
 * decodes, so a report stored as JSON (as the cluster stores its runs') reads
 * back checked, not cast; and the job needs exactly the services every store
 * layer provides.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import { pooledStrategy } from "poolwise"
import { ProductRepository, StoreConnections, syncProductStatus, SyncReport } from "poolwise/sync"
import { settle, simulated } from "./fixtures.ts"

const toJson = Schema.encodeSync(Schema.parseJson(SyncReport))
const fromJson = Schema.decodeUnknownEither(Schema.parseJson(SyncReport))

describe("SyncReport: a Schema", () => {
  it.effect("a run's report, written as JSON and read back, is the same report with the same keys", () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 3 })
      const report = yield* settle(syncProductStatus({ strategy, products: 12, interruptWhen: Effect.sleep(60) }))
      expect(report.failures.length).toBeGreaterThan(0)
      expect(report.stoppedBy).toBe("interrupted")
      const json = toJson(report)
      expect(Object.keys(JSON.parse(json))).toEqual(Object.keys(report))
      expect(fromJson(json)).toEqual(Either.right(report))
    }).pipe(Effect.provide(simulated({ products: 12 }, { latency: 50 }))))

  it("a stored report that is not one fails to decode, naming the field", () => {
    const stored = {
      strategy: "pooled",
      limit: 10,
      write: "row",
      batchSize: 1,
      products: 2,
      updated: 1,
      failed: 1,
      alreadySynced: 0,
      failures: [{ reason: "x", count: "1", ids: [[2, 2]] }],
      statements: 2,
      retries: 0,
      outages: 0,
      elapsedMs: 5,
      peakConnections: 1,
      runId: "run-1",
      resumed: false,
    }
    const decoded = fromJson(JSON.stringify(stored))
    if (Either.isRight(decoded)) expect.fail("a count given as text decoded")
    else expect(decoded.left.message).toContain("count")
    expect(Either.isRight(fromJson(JSON.stringify({ ...stored, failures: [] })))).toBe(true)
  })

  it.effect("every store layer provides both services the job needs: ProductRepository and StoreConnections", () =>
    Effect.gen(function* () {
      const products = yield* ProductRepository
      const connections = yield* StoreConnections
      yield* products.ensureProducts(2)
      expect(yield* connections.stats).toEqual({ inFlight: 0, peakConnections: 1 })
      yield* connections.resetStats
      expect(yield* connections.stats).toEqual({ inFlight: 0, peakConnections: 0 })
      expect(yield* connections.cancelRunning).toBe(0)
    }).pipe(Effect.provide(ProductRepository.layerSimulated({ queryLatency: 0 }))))
})
