/**
 * A supplier's answer, checked (src/internal/sync/SupplierError.ts): the usual
 * answer is checked by hand and everything else by the schema, so both must
 * agree on every answer, and a bad one still says what is wrong.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import { decodeSupplierStatus, ProductId, SupplierError, SupplierStatusRecord } from "poolwise/sync"

const id = ProductId.make(7)
const bySchema = Schema.decodeUnknownEither(SupplierStatusRecord)

describe("a supplier's answer", () => {
  const answers: ReadonlyArray<unknown> = [
    { id: 7, stock: 0, discontinued: false },
    { id: 7, stock: 12, discontinued: true, extra: "ignored" },
    { id: 7, stock: -0, discontinued: false },
    { id: 7, stock: -1, discontinued: false },
    { id: 7, stock: 1.5, discontinued: false },
    { id: 7, stock: Number.NaN, discontinued: false },
    { id: 7, stock: 2 ** 53, discontinued: false },
    { id: 7, stock: "3", discontinued: false },
    { id: 7, stock: 3, discontinued: 1 },
    { id: 7, stock: 3 },
    { id: 0, stock: 3, discontinued: false },
    null,
    "7,3,false",
  ]

  it.effect("is accepted exactly when the schema accepts it, as a SupplierStatusRecord with the same fields", () =>
    Effect.gen(function* () {
      for (const raw of answers) {
        const checked = yield* Effect.either(decodeSupplierStatus(id, raw))
        const decoded = bySchema(raw)
        expect(Either.isRight(checked), JSON.stringify(raw)).toBe(Either.isRight(decoded))
        if (Either.isRight(checked) && Either.isRight(decoded)) {
          expect(checked.right).toBeInstanceOf(SupplierStatusRecord)
          expect({ ...checked.right }).toEqual({ ...decoded.right })
        }
        if (Either.isLeft(checked)) expect(checked.left).toBeInstanceOf(SupplierError)
      }
    }))

  it.effect("about another product is refused, and a malformed one names its field", () =>
    Effect.gen(function* () {
      const other = yield* Effect.flip(decodeSupplierStatus(id, { id: 8, stock: 3, discontinued: false }))
      expect(other.reason).toBe("answered for product 8")
      const negative = yield* Effect.flip(decodeSupplierStatus(id, { id: 7, stock: -1, discontinued: false }))
      expect(negative.reason).toMatch(/^malformed status: stock: /)
    }))
})
