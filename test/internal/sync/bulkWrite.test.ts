/**
 * The SQL store's multi-row write: one statement text per batch size, every
 * value a parameter.
 */
import { describe, expect, it } from "@effect/vitest"
import { makeBulkWriter } from "../../../src/internal/sync/bulkWrite.ts"
import { ProductId } from "../../../src/internal/sync/Product.ts"

describe("makeBulkWriter: the text and parameters of a multi-row status write", () => {
  it("the statement depends only on the batch size; every value is a parameter (3 per row, synced_at, the run twice)", () => {
    const write = makeBulkWriter()
    const rows = [1, 2, 3].map((id) => ({ id: ProductId.make(id), status: { stock: id, discontinued: false } }))
    const { text, params } = write(rows, new Date(0), "run-1")
    expect(text.match(/\?/g)).toHaveLength(params.length)
    expect(params).toHaveLength(3 * 3 + 3)
    expect(text).toBe(
      "UPDATE products AS p JOIN (SELECT ? AS id, ? AS stock, ? AS discontinued UNION ALL SELECT ?, ?, ? UNION ALL " +
        "SELECT ?, ?, ?) AS s ON s.id = p.id SET p.stock = s.stock, p.discontinued = s.discontinued, " +
        "p.synced_at = ?, p.sync_run_id = ? WHERE NOT (p.sync_run_id <=> ?)",
    )
    expect(write(rows, new Date(0), "run-2").text).toBe(text)
  })
})
