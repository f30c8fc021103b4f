import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, TestClock } from "effect"
import { pooledStrategy } from "poolwise"
import { ProductRepository, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { ids, readAll, type Repository, simulatedStoreWith } from "./fixtures.ts"

type PageRequest = Parameters<Repository["pageIds"]>[0]

/** A simulated store that records every page it is asked for. */
const recordingStore = (products: number, pages: Array<PageRequest>) =>
  simulatedStoreWith({ products, poolSize: 2 }, (repo) => ({
    ...repo,
    pageIds: (page) => Effect.zipRight(Effect.sync(() => pages.push(page)), repo.pageIds(page)),
  }))

const run = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

describe("the job reads product ids a page at a time", () => {
  it.effect("the job with pages smaller than N syncs exactly products 1..N and leaves the rest untouched", () =>
    Effect.gen(function* () {
      const pages: Array<PageRequest> = []
      const store = recordingStore(20, pages)
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
