/**
 * What MySQL (or the socket under it) said when something failed, lifted out
 * of the driver's error so callers can classify it without importing mysql2.
 *
 * @since 0.1.0
 */

/**
 * The parts of a MySQL failure worth keeping: the server's own message and,
 * when the driver has them, its errno (e.g. 1040), code (e.g.
 * `ER_CON_COUNT_ERROR`) and SQLSTATE.
 *
 * @since 0.1.0
 * @category models
 */
export interface MysqlErrorInfo {
  readonly message: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
  readonly sqlState?: string | undefined
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined

const stringField = (value: unknown, key: string): string | undefined => {
  const found = field(value, key)
  return typeof found === "string" && found.length > 0 ? found : undefined
}

// Node's happy-eyeballs connect throws an AggregateError whose own message is
// empty; the useful text sits in its `errors`.
const messageOf = (error: unknown): string | undefined => {
  const own = stringField(error, "sqlMessage") ?? stringField(error, "message")
  if (own !== undefined) return own
  const inner = field(error, "errors")
  if (Array.isArray(inner)) {
    const messages = inner.map((e) => stringField(e, "message")).filter((m) => m !== undefined)
    if (messages.length > 0) return messages.join("; ")
  }
  return stringField(error, "code")
}

/**
 * Digs the driver error out of `error` (an `SqlError` keeps it in `cause`) and
 * returns what MySQL said. Node socket errors keep their code (`ECONNRESET`)
 * but not their negative errno, so `errno` is always a MySQL number.
 *
 * @example
 * ```ts
 * import { mysqlErrorInfo } from "poolwise"
 *
 * mysqlErrorInfo({ errno: 1040, code: "ER_CON_COUNT_ERROR", sqlMessage: "Too many connections" })
 * // { message: "Too many connections", errno: 1040, code: "ER_CON_COUNT_ERROR", sqlState: undefined }
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const mysqlErrorInfo = (error: unknown): MysqlErrorInfo => {
  let driver = error
  // SqlError wraps the driver error, and its own message is generic.
  for (
    let depth = 0;
    depth < 5 && field(driver, "_tag") === "SqlError" && field(driver, "cause") !== undefined;
    depth++
  ) {
    driver = field(driver, "cause")
  }
  const errno = field(driver, "errno")
  return {
    message: messageOf(driver) ?? messageOf(error) ?? String(error),
    errno: typeof errno === "number" && errno > 0 ? errno : undefined,
    code: stringField(driver, "code"),
    sqlState: stringField(driver, "sqlState"),
  }
}

/**
 * Errors worth retrying: the connection dropped, the server (or this user) is
 * out of connections, or a lock gave up. (A per-user `MAX_USER_CONNECTIONS`
 * hit, 1226, is recognised by its message in {@link isTransientMysqlError}.) Kept here so that every retry
 * policy (the sync job's `retry`) classifies the same way.
 *
 * @since 0.1.0
 * @category classification
 */
export const transientMysqlErrnos: ReadonlySet<number> = new Set([
  1040, // ER_CON_COUNT_ERROR: Too many connections
  1203, // ER_TOO_MANY_USER_CONNECTIONS: the global max_user_connections
  1205, // ER_LOCK_WAIT_TIMEOUT
  1213, // ER_LOCK_DEADLOCK
  1927, // ER_CONNECTION_KILLED (MariaDB): KILL CONNECTION from elsewhere; a new connection works
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST: Lost connection to MySQL server during query
])

/**
 * The same classes of failure as {@link transientMysqlErrnos}, by code, for
 * errors raised by the driver or the socket rather than the server.
 *
 * @since 0.1.0
 * @category classification
 */
export const transientMysqlCodes: ReadonlySet<string> = new Set([
  "ER_CON_COUNT_ERROR",
  "ER_TOO_MANY_USER_CONNECTIONS",
  "ER_LOCK_WAIT_TIMEOUT",
  "ER_LOCK_DEADLOCK",
  "ER_CONNECTION_KILLED",
  "PROTOCOL_CONNECTION_LOST",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
])

/**
 * Whether a failure is worth retrying (see {@link transientMysqlErrnos}).
 *
 * @example
 * ```ts
 * import { isTransientMysqlError } from "poolwise"
 *
 * isTransientMysqlError({ message: "Deadlock found", errno: 1213 }) // true
 * isTransientMysqlError({ message: "Unknown column", errno: 1054 }) // false
 * ```
 *
 * @since 0.1.0
 * @category classification
 */
export const isTransientMysqlError = (info: MysqlErrorInfo): boolean =>
  (info.errno !== undefined && transientMysqlErrnos.has(info.errno)) ||
  (info.code !== undefined && transientMysqlCodes.has(info.code)) ||
  isUserConnectionLimit(info)

/**
 * A per-user `MAX_USER_CONNECTIONS` limit was hit. MariaDB reports it as 1226
 * ER_USER_LIMIT_REACHED, the same errno as the hourly query and update quotas,
 * which a retry does not fix; only the message tells them apart.
 */
const isUserConnectionLimit = (info: MysqlErrorInfo): boolean =>
  (info.errno === 1226 || info.code === "ER_USER_LIMIT_REACHED") && info.message.includes("max_user_connections")
