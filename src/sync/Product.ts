/**
 * The mall's products: what the job reads ids of and writes statuses to.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/Product.ts"

/**
 * A product's primary key: a whole number ≥ 1 (a branded `Schema`).
 *
 * @example
 * ```ts
 * import { ProductId } from "poolwise/sync"
 *
 * const id = ProductId.make(7) // throws on 0, -1 or 1.5
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const ProductId: typeof internal.ProductId = internal.ProductId

/**
 * @since 0.1.0
 * @category models
 */
export type ProductId = internal.ProductId

/**
 * One row of `products` (a `Schema.Class`). `syncedAt` is null until a sync
 * has written it.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ProductId, ProductRepository } from "poolwise/sync"
 *
 * const product = Effect.flatMap(ProductRepository, (products) => products.findById(ProductId.make(1)))
 * // Effect<Option<Product>, RepositoryError, ProductRepository>
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const Product: typeof internal.Product = internal.Product

/**
 * @since 0.1.0
 * @category models
 */
export type Product = internal.Product
