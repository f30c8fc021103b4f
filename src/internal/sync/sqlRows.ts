/**
 * What the MySQL store reads back from the server: ids, products and runs as
 * rows, and how many rows a write matched. The common answer is read in one
 * loop; anything unusual goes through the schema, which says what is wrong.
 *
 * @internal
 */
import { Effect, type ParseResult, Schema } from "effect"
import { ProductFromRow, ProductId } from "./Product.ts"

const IdFromRow = Schema.Struct({
  id: Schema.compose(Schema.Union(Schema.Number, Schema.NumberFromString), ProductId),
})
const decodeIdRows = Schema.decodeUnknown(Schema.Array(IdFromRow))
// The ids of `SELECT id` rows. Rows whose ids are plain whole numbers ≥ 1 (mysql2's BIGINT that fits) are read in
// one loop, no schema pass per row (issue 22's profile: 2 µs a product); any other answer (a BIGINT as a string,
// a bad row) goes through the schema, with its messages.
export const decodeIds = (rows: unknown): Effect.Effect<ReadonlyArray<ProductId>, ParseResult.ParseError> => {
  if (Array.isArray(rows)) {
    const ids = new Array<ProductId>(rows.length)
    let i = 0
    for (; i < rows.length; i++) {
      const id = (rows[i] as { readonly id?: unknown } | null | undefined)?.id
      if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) break
      ids[i] = id as ProductId
    }
    if (i === rows.length) return Effect.succeed(ids)
  }
  return Effect.map(decodeIdRows(rows), (decoded) => decoded.map((row) => row.id))
}
export const decodeProducts = Schema.decodeUnknown(Schema.Array(ProductFromRow))
export const decodeRuns = Schema.decodeUnknown(Schema.Array(Schema.Struct({
  id: Schema.String,
  products: Schema.Union(Schema.Number, Schema.NumberFromString),
  started_at: Schema.DateFromSelf,
  completed_at: Schema.NullOr(Schema.DateFromSelf),
})))

// With a SET before the UPDATE, mysql2 returns one result per statement: the last is the UPDATE's.
export const affectedRows = (result: unknown): number => {
  if (Array.isArray(result)) return result.length === 0 ? 0 : affectedRows(result[result.length - 1])
  const value = typeof result === "object" && result !== null ? (result as { affectedRows?: unknown }).affectedRows : 0
  return typeof value === "number" ? value : 0
}
