import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Layer, Stream, TestClock } from "effect"
import { pooledStrategy } from "poolwise"
import {
  makeSimulatedRepository,
  type PageRequest,
  productIds,
  ProductRepository,
  SupplierStatus,
  syncProductStatus,
} from "poolwise/sync"
import { ids, readAll } from "./fixtures.ts"

/** A simulated store that records every page it is asked for. */
const recordingStore = (products: number, pages: Array<PageRequest>) =>
  Effect.map(makeSimulatedRepository({ products, poolSize: 2 }), (repo) => ({
    ...repo,
    pageIds: (page: PageRequest) => Effect.zipRight(Effect.sync(() => pages.push(page)), repo.pageIds(page)),
  }))

const run = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

describe("keyset pagination of product ids", () => {
  it.effect("pages of 3 over 10 products yield exactly 1..10, each page starting after the last id seen", () =>
    Effect.gen(function* () {
      const pages: Array<PageRequest> = []
      const repo = yield* recordingStore(10, pages)
      const seen = yield* run(Stream.runCollect(productIds(repo, { upTo: 10, pageSize: 3 })))
      expect(Chunk.toArray(seen)).toEqual(ids(10))
      expect(pages.map((p) => p.after)).toEqual([0, 3, 6, 9])
    }))

  it.effect("a full last page that reaches upTo ends the stream without an extra empty query", () =>
    Effect.gen(function* () {
      const pages: Array<PageRequest> = []
      const repo = yield* recordingStore(9, pages)
      const seen = yield* run(Stream.runCollect(productIds(repo, { upTo: 9, pageSize: 3 })))
      expect(Chunk.toArray(seen)).toEqual(ids(9))
      expect(pages).toHaveLength(3)
    }))

  it.effect("upTo bounds the ids even when the table holds more", () =>
    Effect.gen(function* () {
      const repo = yield* recordingStore(25, [])
      const seen = yield* run(Stream.runCollect(productIds(repo, { upTo: 10, pageSize: 4 })))
      expect(Chunk.toArray(seen)).toEqual(ids(10))
    }))

  it.effect("the job with pages smaller than N syncs exactly products 1..N and leaves the rest untouched", () =>
    Effect.gen(function* () {
      const pages: Array<PageRequest> = []
      const store = Layer.effect(ProductRepository, recordingStore(20, pages))
      const [report, rows] = yield* run(
        Effect.flatMap(
          pooledStrategy({ concurrency: 4 }),
          (strategy) => syncProductStatus({ strategy, products: 12, pageSize: 5 }),
        ).pipe(
          Effect.zip(readAll(20)),
          Effect.provide(Layer.merge(store, SupplierStatus.layerSimulated({ latency: 30 }))),
        ),
      )
      expect(report).toMatchObject({ products: 12, updated: 12, failed: 0 })
      expect(rows.filter((p) => p.syncedAt !== null).map((p) => p.id)).toEqual(ids(12))
      expect(pages.every((p) => p.limit === 5 && p.upTo === 12)).toBe(true)
      expect(report.peakConnections).toBeLessThanOrEqual(2)
    }))

  it.effect("ensureProducts inserts only the missing ids, in batches, and is idempotent", () =>
    Effect.gen(function* () {
      const inserted = yield* run(
        Effect.flatMap(
          ProductRepository,
          (repo) =>
            Effect.all([repo.ensureProducts(7, { batchSize: 3 }), repo.ensureProducts(7), repo.ensureProducts(9)]),
        ),
      )
      expect(inserted).toEqual([4, 0, 2])
    }).pipe(Effect.provide(ProductRepository.layerSimulated({ products: 3 }))))
})
