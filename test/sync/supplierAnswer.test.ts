/**
 * A supplier's answer, checked (src/internal/sync/SupplierError.ts): the usual
 * answer is checked by hand and everything else by the schema, so both must
 * agree on every answer, and a bad one still says what is wrong.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Equal, Schema } from "effect"
import { decodeSupplierStatus, ProductId, SupplierError, SupplierStatusRecord } from "poolwise/sync"

const id = ProductId.make(7)
// The schema's own verdict, the reference the quick path must agree with.
const bySchema = Schema.decodeUnknownEither(SupplierStatusRecord)

describe("a supplier's answer", () => {
  const answers: ReadonlyArray<unknown> = [
    { id: 7, stock: 3, discontinued: false },
    { id: 7, stock: 0, discontinued: true },
    { id: 7, stock: 12, discontinued: true, extra: "ignored" },
    { id: 7, stock: -0, discontinued: false },
    { id: 7, stock: -1, discontinued: false },
    { id: 7, stock: 1.5, discontinued: false },
    { id: 7, stock: Number.NaN, discontinued: false },
    { id: 7, stock: Number.POSITIVE_INFINITY, discontinued: false },
    { id: 7, stock: 2 ** 53, discontinued: false },
    { id: 7, stock: "3", discontinued: false },
    { id: 7, stock: 3, discontinued: 1 },
    { id: 7, stock: 3 },
    { id: "7", stock: 3, discontinued: false },
    { id: 8, stock: 3, discontinued: false },
    { id: 0, stock: 3, discontinued: false },
    { stock: 3, discontinued: false },
    null,
    undefined,
    "7,3,false",
    [],
  ]

  it.effect(
    "is accepted exactly when the schema accepts it about this product, as the schema's record (same fields, keys, equality); else refused as a SupplierError",
    () =>
      Effect.gen(function* () {
        for (const raw of answers) {
          const checked = yield* Effect.either(decodeSupplierStatus(id, raw))
          const reference = bySchema(raw)
          if (Either.isRight(reference) && reference.right.id === id) {
            expect(Either.isRight(checked), JSON.stringify(raw)).toBe(true)
            const record = Either.getOrThrow(checked)
            expect(record).toBeInstanceOf(SupplierStatusRecord)
            expect(record).toEqual(reference.right)
            expect(Object.keys(record)).toEqual(Object.keys(reference.right))
            expect(Equal.equals(record, reference.right)).toBe(true)
          } else {
            expect(Either.isLeft(checked), JSON.stringify(raw)).toBe(true)
            if (Either.isLeft(checked)) expect(checked.left).toBeInstanceOf(SupplierError)
          }
        }
      }),
  )

  it.effect("about another product is refused, and a malformed one names its field", () =>
    Effect.gen(function* () {
      const other = yield* Effect.flip(decodeSupplierStatus(id, { id: 8, stock: 3, discontinued: false }))
      expect(other.reason).toBe("answered for product 8")
      const negative = yield* Effect.flip(decodeSupplierStatus(id, { id: 7, stock: -1, discontinued: false }))
      expect(negative.reason).toMatch(/^malformed status: stock: /)
    }))

  it.effect("with an id that is no product id, is refused even when the answer repeats it", () =>
    Effect.gen(function* () {
      const notAnId = 1.5 as ProductId
      const checked = yield* Effect.either(
        decodeSupplierStatus(notAnId, { id: notAnId, stock: 1, discontinued: false }),
      )
      expect(Either.isLeft(checked)).toBe(true)
    }))
})
