/**
 * A resumed range reads its ids twice: those the run wrote, then those it did
 * not. A second copy of the same range running at once (a cluster page
 * redelivered beside its resend) can write a product between the two reads,
 * so it is in neither. It must end `alreadySynced`, never "not in the
 * products table".
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { pooledStrategy } from "poolwise"
import { SupplierStatus } from "poolwise/sync"
import { ProductId } from "../../../src/internal/sync/Product.ts"
import { syncProductRange } from "../../../src/internal/sync/syncProductRange.ts"
import { settle, simulatedStoreWith } from "../../sync/fixtures.ts"

describe("a resumed range whose product another copy writes between its two id reads", () => {
  it.effect("counts that product as alreadySynced, not as missing from the table; every product accounted for", () =>
    Effect.gen(function* () {
      let raced = false
      const store = simulatedStoreWith({ products: 10, poolSize: 2, queryLatency: 0 }, (repo) => ({
        ...repo,
        pageIds: (page) =>
          page.run !== undefined && !page.run.synced && !raced
            ? Effect.zipRight(
              // The other copy writes product 3 for the same run just before this copy reads what is left.
              Effect.zipRight(
                Effect.sync(() => raced = true),
                Effect.orDie(
                  repo.updateStatus(ProductId.make(3), { stock: 1, discontinued: false }, new Date(0), page.run.id),
                ),
              ),
              repo.pageIds(page),
            )
            : repo.pageIds(page),
      }))
      const report = yield* settle(
        Effect.flatMap(
          pooledStrategy({ concurrency: 2 }),
          (strategy) => syncProductRange({ strategy, from: 1, to: 10, runId: "run-race", resumed: true }),
        ),
      ).pipe(Effect.provide(Layer.merge(store, SupplierStatus.layerSimulated({ latency: 10 }))))
      expect(raced).toBe(true)
      expect(report).toMatchObject({ products: 10, updated: 9, alreadySynced: 1, failed: 0 })
      expect(report.failures).toEqual([])
    }))
})
