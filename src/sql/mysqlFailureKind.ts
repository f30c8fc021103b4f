/**
 * What a MySQL failure says about the next attempt, read from the driver's
 * error (or an `SqlError` around it) without importing mysql2.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sql/mysqlError.ts"

/**
 * What a failure says about the next attempt:
 *
 * - `"connection"`: the connection dropped or could not be opened (the server
 *   crashed, restarts, fails over, or killed this connection). Nothing is
 *   wrong with the statement; it can run again once the server answers.
 * - `"refused"`: the server (or this user) is out of connections: 1040, the
 *   global `max_user_connections` (1203) or a per-user `MAX_USER_CONNECTIONS`
 *   (1226). Retrying at once adds load to an overloaded server, so callers
 *   retry it briefly, if at all: this is the incident's own error.
 * - `"contention"`: a deadlock (1213) or a lock wait timeout (1205). Another
 *   attempt after a pause usually succeeds.
 * - `"permanent"`: anything else (a constraint, a syntax error, a killed
 *   query, bad credentials): the same statement fails the same way again.
 *
 * @since 0.1.0
 * @category classification
 */
export type MysqlFailureKind = internal.MysqlFailureKind

/**
 * Classifies a failure (see {@link MysqlFailureKind}): an `SqlError` (the
 * driver's error is read from its `cause`), a mysql2 error, a
 * `RepositoryError` from `poolwise/sync`, or a plain `{ message, errno?, code? }`.
 *
 * @example
 * ```ts
 * import { mysqlFailureKind } from "poolwise/sql"
 *
 * mysqlFailureKind({ message: "connect ECONNREFUSED 127.0.0.1:3306", code: "ECONNREFUSED" }) // "connection"
 * mysqlFailureKind({ message: "Too many connections", errno: 1040 }) // "refused"
 * mysqlFailureKind({ message: "Deadlock found", errno: 1213 }) // "contention"
 * mysqlFailureKind({ message: "Unknown column", errno: 1054 }) // "permanent"
 * ```
 *
 * @since 0.1.0
 * @category classification
 */
export const mysqlFailureKind: typeof internal.mysqlFailureKind = internal.mysqlFailureKind
