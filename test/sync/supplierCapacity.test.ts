/**
 * The simulated supplier with a capacity, in virtual time: calls past C take
 * longer (a queue), calls past the cap are refused "too many requests", and
 * the job tries a refused call again, so every product is still updated; an
 * adaptive limit as the job's concurrency settles within its bounds.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect } from "effect"
import { adaptive, pooledStrategy } from "poolwise"
import { SupplierStatus, syncProductStatus } from "poolwise/sync"
import { expectAccounted, settle, simulated } from "./fixtures.ts"

/** Without jitter, so every run is the same run. */
const retry = { times: 20, base: "20 millis", cap: "200 millis", jitter: false } as const

describe("a simulated supplier with a capacity", () => {
  it.effect("C = 2, cap 3 (⌈1.2 × 2⌉): two calls at their latency, the third queued (150 ms), the fourth refused at once", () =>
    Effect.gen(function* () {
      const outcomes = yield* settle(
        Effect.gen(function* () {
          const supplier = yield* SupplierStatus
          return yield* Effect.forEach([1, 2, 3, 4], (id) =>
            Effect.gen(function* () {
              const answer = yield* Effect.either(supplier.fetch(id as never))
              const at = yield* Clock.currentTimeMillis
              return answer._tag === "Right" ? at : answer.left.reason
            }), { concurrency: "unbounded" })
        }).pipe(Effect.provide(SupplierStatus.layerSimulated({ latency: 100, capacity: 2 }))),
      )
      expect(outcomes).toEqual([100, 100, 150, "too many requests"])
    }))

  it.effect("a capacity or a cap that is not a whole number ≥ 1 (the cap ≥ the capacity) refuses the layer", () =>
    Effect.gen(function* () {
      const refused = (options: Parameters<typeof SupplierStatus.layerSimulated>[0]) =>
        Effect.flip(Effect.provide(SupplierStatus, SupplierStatus.layerSimulated(options)))
      expect((yield* refused({ capacity: 0 })).message).toBe(
        `Invalid option "capacity": expected a whole number ≥ 1, got 0`,
      )
      expect((yield* refused({ capacity: 5, refuseAbove: 4 })).message).toBe(
        `Invalid option "refuseAbove": expected a whole number ≥ 5, got 4`,
      )
    }))

  it.effect("the job retries a refused call: 200 products, 20 in flight, a supplier of C = 5 (cap 6): every one updated", () =>
    Effect.gen(function* () {
      const report = yield* settle(
        Effect.flatMap(
          pooledStrategy({ concurrency: 20 }),
          (strategy) => syncProductStatus({ strategy, products: 200, retry }),
        ).pipe(
          Effect.provide(simulated({ products: 200, poolSize: 5, queryLatency: 1 }, { latency: 20, capacity: 5 })),
        ),
        "10 minutes",
      )
      expectAccounted(report)
      expect(report.updated).toBe(200)
      expect(report.retries).toBeGreaterThan(0)
    }))

  it.effect("with an adaptive concurrency (1 to 40) the same job updates every product and ends within the bounds", () =>
    Effect.gen(function* () {
      const report = yield* settle(
        Effect.gen(function* () {
          const limit = yield* adaptive({ min: 1, max: 40 })
          const strategy = yield* pooledStrategy({ concurrency: limit, rate: "500/s" })
          return yield* syncProductStatus({ strategy, products: 200, retry })
        }).pipe(
          Effect.provide(simulated({ products: 200, poolSize: 5, queryLatency: 1 }, { latency: 20, capacity: 5 })),
        ),
        "10 minutes",
      )
      expect(report.updated).toBe(200)
      expect(report.limit).toBeGreaterThanOrEqual(1)
      expect(report.limit).toBeLessThanOrEqual(40)
    }))
})
