/**
 * Failures of the product store, with what the server said kept intact.
 *
 * @internal
 */
import { Data } from "effect"
import { failureKindOf, mysqlErrorInfo, type MysqlFailureKind } from "../sql/mysqlError.ts"

/**
 * A statement against the product store failed. `message` is the server's own
 * ("Too many connections", "User ... already has more than
 * 'max_user_connections' active connections"); `errno`, `code` and
 * `sqlState` are kept so a retry policy can classify the failure.
 */
export class RepositoryError extends Data.TaggedError("RepositoryError")<{
  /** What the repository was doing, e.g. `"updateStatus"`. */
  readonly operation: string
  readonly message: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
  readonly sqlState?: string | undefined
  /** The driver's connection is unusable after this failure (a lost socket). */
  readonly fatal?: boolean | undefined
  readonly cause?: unknown
}> {
  /** Wraps any failure (an `SqlError`, a mysql2 error) of `operation`. */
  static fromCause(operation: string, cause: unknown): RepositoryError {
    const info = mysqlErrorInfo(cause)
    return new RepositoryError({ operation, ...info, cause })
  }

  /** Worth another attempt: a lost connection, out of connections, a deadlock, a lock wait timeout. */
  get transient(): boolean {
    return this.kind !== "permanent"
  }

  /** What the failure says about the next attempt (see `MysqlFailureKind` in poolwise/sql). */
  get kind(): MysqlFailureKind {
    return failureKindOf(this)
  }
}

/**
 * The row to update is not in `products`.
 */
export class ProductNotFound extends Data.TaggedError("ProductNotFound")<{ readonly id: number }> {
  override get message(): string {
    return `Product ${this.id} is not in the products table`
  }
}
