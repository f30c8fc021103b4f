import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, TestClock } from "effect"
import { ProductId } from "../../../src/internal/sync/Product.ts"
import { simulatedLatency, simulatedStatus } from "../../../src/internal/sync/simulatedSupplier.ts"
import { SupplierStatus } from "../../../src/internal/sync/SupplierStatus.ts"

const id = ProductId.make

describe("the simulated supplier is seeded and deterministic", () => {
  it("the same id and seed give the same status; another seed changes the catalogue", () => {
    const first = Array.from({ length: 200 }, (_, i) => simulatedStatus(id(i + 1), 7))
    const again = Array.from({ length: 200 }, (_, i) => simulatedStatus(id(i + 1), 7))
    const other = Array.from({ length: 200 }, (_, i) => simulatedStatus(id(i + 1), 8))
    expect(again).toEqual(first)
    expect(other).not.toEqual(first)
    expect(first.every((s) => Number.isInteger(s.stock) && s.stock >= 0)).toBe(true)
    // Both kinds of status change actually occur.
    expect(first.some((s) => s.stock === 0)).toBe(true)
    expect(first.some((s) => s.discontinued)).toBe(true)
  })

  it("latency stays within mean × (0.5..1.5)", () => {
    const millis = Array.from(
      { length: 500 },
      (_, i) => Duration.toMillis(simulatedLatency(id(i + 1), 3, "100 millis")),
    )
    expect(Math.min(...millis)).toBeGreaterThanOrEqual(50)
    expect(Math.max(...millis)).toBeLessThanOrEqual(150)
    expect(new Set(millis).size).toBeGreaterThan(50)
  })

  it.effect("a fetch takes exactly its latency on Effect's clock", () =>
    Effect.gen(function* () {
      const supplier = yield* SupplierStatus
      const fiber = yield* Effect.fork(supplier.fetch(id(42)))
      const latency = Duration.toMillis(simulatedLatency(id(42), 5, "80 millis"))
      yield* TestClock.adjust(latency - 1)
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(fiber)).toEqual(simulatedStatus(id(42), 5))
    }).pipe(Effect.provide(SupplierStatus.layerSimulated({ seed: 5, meanLatency: "80 millis" }))))

  it.effect("an answer about another product is rejected, typed", () =>
    Effect.gen(function* () {
      const supplier = yield* SupplierStatus
      const error = yield* Effect.flip(supplier.fetch(id(3)))
      expect(error).toMatchObject({ _tag: "SupplierError", id: 3, reason: "answered for product 4" })
    }).pipe(
      Effect.provide(
        SupplierStatus.layerSimulated({ latency: 0, respond: () => ({ id: 4, stock: 1, discontinued: false }) }),
      ),
    ))
})
