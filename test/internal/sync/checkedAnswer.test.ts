import { describe, expect, it } from "@effect/vitest"
import { Either, Equal, Schema } from "effect"
import { ProductId, SupplierStatusRecord } from "../../../src/internal/sync/Product.ts"
import { checkedAnswer } from "../../../src/internal/sync/SupplierError.ts"

// The schema's own verdict, the reference the quick path must agree with.
const bySchema = Schema.decodeUnknownEither(SupplierStatusRecord)

const answers: ReadonlyArray<unknown> = [
  { id: 7, stock: 3, discontinued: false },
  { id: 7, stock: 0, discontinued: true },
  { id: 7, stock: 3, discontinued: false, extra: "ignored" },
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
  { stock: 3, discontinued: false },
  null,
  undefined,
  "text",
  [],
]

describe("a supplier answer is checked the same, whichever path decodes it", () => {
  it("every answer the schema accepts becomes the schema's record; every other is refused", () => {
    for (const raw of answers) {
      const checked = checkedAnswer(ProductId.make(7), raw)
      const reference = bySchema(raw)
      if (Either.isRight(reference) && reference.right.id === 7) {
        expect(Either.isRight(checked), JSON.stringify(raw)).toBe(true)
        const record = Either.getOrThrow(checked)
        expect(record).toBeInstanceOf(SupplierStatusRecord)
        expect(record).toEqual(reference.right)
        expect(Object.keys(record)).toEqual(Object.keys(reference.right))
        expect(Equal.equals(record, reference.right)).toBe(true)
      } else {
        expect(Either.isLeft(checked), JSON.stringify(raw)).toBe(true)
      }
    }
  })

  it("a refused answer says why: the schema's message, or the product it was about", () => {
    const malformed = checkedAnswer(ProductId.make(7), { id: 7, stock: -1, discontinued: false })
    expect(Either.isLeft(malformed) && malformed.left.reason).toMatch(/^malformed status: stock: /)
    const other = checkedAnswer(ProductId.make(7), { id: 8, stock: 3, discontinued: false })
    expect(Either.isLeft(other) && other.left.reason).toBe("answered for product 8")
  })

  it("an id that is no product id is refused even when the answer repeats it", () => {
    const id = 1.5 as ProductId
    expect(Either.isLeft(checkedAnswer(id, { id, stock: 1, discontinued: false }))).toBe(true)
  })
})
