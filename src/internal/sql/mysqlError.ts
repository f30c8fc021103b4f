/**
 * What MySQL (or the socket under it) said when something failed, lifted out
 * of the driver's error so callers can classify it without importing mysql2
 * (documented in src/sql/mysqlFailureKind.ts).
 *
 * @internal
 */

/**
 * The parts of a MySQL failure worth keeping: the server's own message and,
 * when the driver has them, its errno (e.g. 1040), code (e.g.
 * `ER_CON_COUNT_ERROR`) and SQLSTATE.
 */
export interface MysqlErrorInfo {
  readonly message: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
  readonly sqlState?: string | undefined
  /** The driver marks errors after which its connection is unusable (a lost socket) as fatal. */
  readonly fatal?: boolean | undefined
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
    fatal: field(driver, "fatal") === true ? true : undefined,
  }
}

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
 */
export type MysqlFailureKind = "connection" | "refused" | "contention" | "permanent"

const connectionErrnos: ReadonlySet<number> = new Set([
  1053, // ER_SERVER_SHUTDOWN: the server is shutting down
  1927, // ER_CONNECTION_KILLED (MariaDB): KILL CONNECTION from elsewhere; a new connection works
  2002, // CR_CONNECTION_ERROR
  2003, // CR_CONN_HOST_ERROR: can't connect
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST: lost connection during query
])
const connectionCodes: ReadonlySet<string> = new Set([
  "PROTOCOL_CONNECTION_LOST",
  "ER_SERVER_SHUTDOWN",
  "ER_CONNECTION_KILLED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "STATEMENT_TIMEOUT", // no reply within the statement's deadline: the kit closed the connection (boundedClient.ts)
])
const refusedErrnos: ReadonlySet<number> = new Set([
  1040, // ER_CON_COUNT_ERROR: Too many connections
  1203, // ER_TOO_MANY_USER_CONNECTIONS: the global max_user_connections
])
const refusedCodes: ReadonlySet<string> = new Set(["ER_CON_COUNT_ERROR", "ER_TOO_MANY_USER_CONNECTIONS"])
const contentionErrnos: ReadonlySet<number> = new Set([
  1205, // ER_LOCK_WAIT_TIMEOUT
  1213, // ER_LOCK_DEADLOCK
])
const contentionCodes: ReadonlySet<string> = new Set(["ER_LOCK_WAIT_TIMEOUT", "ER_LOCK_DEADLOCK"])

const has = <A>(set: ReadonlySet<A>, value: A | undefined) => value !== undefined && set.has(value)

/**
 * A per-user `MAX_USER_CONNECTIONS` limit was hit. MariaDB reports it as 1226
 * ER_USER_LIMIT_REACHED, the same errno as the hourly query and update quotas,
 * which a retry does not fix; only the message tells them apart.
 */
const isUserConnectionLimit = (info: MysqlErrorInfo): boolean =>
  (info.errno === 1226 || info.code === "ER_USER_LIMIT_REACHED") && info.message.includes("max_user_connections")

/** Classifies what MySQL said (see {@link MysqlFailureKind}). */
export const failureKindOf = (info: MysqlErrorInfo): MysqlFailureKind =>
  has(refusedErrnos, info.errno) || has(refusedCodes, info.code) || isUserConnectionLimit(info)
    ? "refused"
    : has(contentionErrnos, info.errno) || has(contentionCodes, info.code)
    ? "contention"
    : has(connectionErrnos, info.errno) || has(connectionCodes, info.code) || info.fatal === true
    ? "connection"
    : "permanent"

/**
 * Classifies any failure: an `SqlError`, a mysql2 error, a `RepositoryError`,
 * or a {@link MysqlErrorInfo}.
 */
export const mysqlFailureKind = (error: unknown): MysqlFailureKind => failureKindOf(mysqlErrorInfo(error))
