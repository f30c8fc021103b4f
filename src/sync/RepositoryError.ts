/**
 * Failures of the product store, with what the server said kept intact.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/RepositoryError.ts"

/**
 * A statement against the product store failed. `message` is the server's own
 * ("Too many connections", "User ... already has more than
 * 'max_user_connections' active connections"); `errno`, `code` and
 * `sqlState` are kept, and `kind` classifies the failure as `mysqlFailureKind`
 * (poolwise/sql) does: `transient` is every kind but `"permanent"`.
 *
 * @example
 * ```ts
 * import { RepositoryError } from "poolwise/sync"
 *
 * const error = RepositoryError.fromCause("updateStatus", { errno: 1213, code: "ER_LOCK_DEADLOCK" })
 * error.kind // "contention"
 * error.transient // true
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const RepositoryError: typeof internal.RepositoryError = internal.RepositoryError

/**
 * @since 0.1.0
 * @category errors
 */
export type RepositoryError = internal.RepositoryError

/**
 * The row to update is not in `products`.
 *
 * @since 0.1.0
 * @category errors
 */
export const ProductNotFound: typeof internal.ProductNotFound = internal.ProductNotFound

/**
 * @since 0.1.0
 * @category errors
 */
export type ProductNotFound = internal.ProductNotFound
