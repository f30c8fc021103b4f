/**
 * `mysql://user:password@host:port/database`, parsed into the separate
 * connection options `MysqlClient` takes, and shown without its password.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sql/databaseUrl.ts"

/**
 * Where to connect and as whom. The password stays `Redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export type MysqlEndpoint = internal.MysqlEndpoint

/**
 * The database URL could not be used. `url` is already redacted: it never
 * holds the password.
 *
 * @since 0.1.0
 * @category errors
 */
export const DatabaseUrlError: typeof internal.DatabaseUrlError = internal.DatabaseUrlError

/**
 * @since 0.1.0
 * @category errors
 */
export type DatabaseUrlError = internal.DatabaseUrlError

/**
 * Parses a `mysql:` or `mariadb:` URL into a {@link MysqlEndpoint}. Fails with
 * a {@link DatabaseUrlError} naming the problem (never the password) when the
 * URL does not parse, has another protocol, has no host, a bad port, a nested
 * path, or query parameters (they would be silently ignored, so they are
 * refused: pool options are separate arguments).
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { parseDatabaseUrl } from "poolwise/sql"
 *
 * const endpoint = Effect.runSync(parseDatabaseUrl(Redacted.make("mysql://root@127.0.0.1:3306/test")))
 * // { host: "127.0.0.1", port: 3306, user: "root", password: undefined, database: "test" }
 * ```
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseDatabaseUrl: typeof internal.parseDatabaseUrl = internal.parseDatabaseUrl

/**
 * `text` with the password replaced by `***`, even when it is not a valid URL
 * (the text between the first `:` of the user part and the last `@`), and
 * with password-like query parameters masked.
 *
 * @example
 * ```ts
 * import { redactUrl } from "poolwise/sql"
 *
 * redactUrl("mysql://app:s3cret@db:3306/shop") // "mysql://app:***@db:3306/shop"
 * ```
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactUrl: typeof internal.redactUrl = internal.redactUrl

/**
 * `user@host:port/database`, for messages: everything but the password.
 *
 * @example
 * ```ts
 * import { describeEndpoint } from "poolwise/sql"
 *
 * describeEndpoint({ host: "db", port: 3306, user: "app", password: undefined, database: "shop" })
 * // "app@db:3306/shop"
 * ```
 *
 * @since 0.1.0
 * @category redaction
 */
export const describeEndpoint: typeof internal.describeEndpoint = internal.describeEndpoint
