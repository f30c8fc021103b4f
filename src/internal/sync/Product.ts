/**
 * The mall's products and the status a supplier reports for them.
 *
 * @internal
 */
import { Schema } from "effect"

/**
 * A product's primary key: a whole number ≥ 1.
 */
export const ProductId = Schema.Int.pipe(Schema.positive(), Schema.brand("ProductId"))

export type ProductId = typeof ProductId.Type

/**
 * One row of `products`. `syncedAt` is null until a sync has written it.
 */
export class Product extends Schema.Class<Product>("Product")({
  id: ProductId,
  name: Schema.String,
  stock: Schema.NonNegativeInt,
  discontinued: Schema.Boolean,
  syncedAt: Schema.NullOr(Schema.DateFromSelf),
}) {}

/**
 * What the sync writes: the two fields the supplier owns.
 */
export interface ProductStatus {
  readonly stock: number
  readonly discontinued: boolean
}

/**
 * The supplier's answer for one product, as it must look on the wire. Decoding
 * rejects negative or fractional stock, `NaN` and a non-boolean
 * `discontinued`, so a bad answer fails that one item instead of being written.
 */
export class SupplierStatusRecord extends Schema.Class<SupplierStatusRecord>("SupplierStatusRecord")({
  id: ProductId,
  stock: Schema.NonNegativeInt,
  discontinued: Schema.Boolean,
}) {}

// MySQL's BOOLEAN is TINYINT(1): mysql2 hands back 0 or 1.
const BooleanFromTinyInt = Schema.transform(Schema.Literal(0, 1), Schema.Boolean, {
  strict: true,
  decode: (bit) => bit === 1,
  encode: (flag) => (flag ? 1 : 0),
})

/**
 * A `products` row as mysql2 returns it (snake_case, BIGINT possibly as a
 * string, BOOLEAN as 0/1), decoded into a {@link Product}.
 */
export const ProductFromRow = Schema.transform(
  Schema.Struct({
    id: Schema.compose(Schema.Union(Schema.Number, Schema.NumberFromString), ProductId),
    name: Schema.String,
    stock: Schema.NonNegativeInt,
    discontinued: Schema.Union(Schema.Boolean, BooleanFromTinyInt),
    synced_at: Schema.NullOr(Schema.DateFromSelf),
  }),
  Schema.typeSchema(Product),
  {
    strict: true,
    decode: (row) => new Product({ ...row, syncedAt: row.synced_at }),
    encode: (p) => ({ id: p.id, name: p.name, stock: p.stock, discontinued: p.discontinued, synced_at: p.syncedAt }),
  },
)

/**
 * The catalogue's deterministic name for product `id`. Some names carry
 * quotes and SQL metacharacters on purpose: every query must be parameterised.
 */
export const productName = (id: ProductId): string =>
  `${materials[id % materials.length]} ${items[Math.floor(id / materials.length) % items.length]} #${id}`

const materials = ["Kid's", "Steel", "Oak", "Copper", '"Pro"', "Nylon", "Glass"]
const items = ["Bolt", "Hinge", "Wrench; --", "Shelf", "Cable", "Valve", "O'Ring", "Clamp", "Drill", "Lamp", "Hook"]
