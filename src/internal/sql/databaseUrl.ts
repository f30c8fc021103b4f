/**
 * `mysql://user:password@host:port/database`, parsed into the separate
 * connection options `MysqlClient` takes (documented in src/sql/DatabaseUrl.ts).
 *
 * We parse the URL ourselves instead of passing it as `MysqlClient`'s `url`:
 * with `url` set, `MysqlClient.make` ignores `poolConfig` entirely (no
 * connect timeout, no time zone), and unless `maxConnections` is also set the
 * pool falls back to mysql2's default of 10 connections.
 *
 * @internal
 */
import { Data, Effect, Redacted } from "effect"

/**
 * Where to connect and as whom. The password stays {@link Redacted}.
 */
export interface MysqlEndpoint {
  readonly host: string
  readonly port: number
  readonly user: string | undefined
  readonly password: Redacted.Redacted<string> | undefined
  readonly database: string | undefined
}

/**
 * The database URL could not be used. `url` is already redacted: it never
 * holds the password.
 */
export class DatabaseUrlError extends Data.TaggedError("DatabaseUrlError")<{
  readonly url: string
  readonly reason: string
}> {
  override get message(): string {
    return `Invalid database URL ${JSON.stringify(this.url)}: ${this.reason}`
  }
}

const secretParameter = /^(password|pass|pwd|secret|token)$/i

/**
 * `raw` with the password replaced by `***`, even when `raw` is not a valid
 * URL (the text between the first `:` of the user part and the last `@`), and
 * with password-like query parameters masked.
 */
export const redactUrl = (raw: string): string => {
  let text = raw
  const at = text.lastIndexOf("@")
  if (at >= 0) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? ""
    const userInfo = text.slice(scheme.length, at)
    const colon = userInfo.indexOf(":")
    if (colon >= 0) text = `${scheme}${userInfo.slice(0, colon)}:***${text.slice(at)}`
  }
  return text.replace(
    /([?&])([^=&#]*)=([^&#]*)/g,
    (whole, sep: string, key: string) => secretParameter.test(decodeSafely(key)) ? `${sep}${key}=***` : whole,
  )
}

const decodeSafely = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Parses a `mysql:` or `mariadb:` URL into a {@link MysqlEndpoint}. Fails with
 * a {@link DatabaseUrlError} naming the problem (never the password) when the
 * URL does not parse, has another protocol, has no host, a bad port, a nested
 * path, or query parameters (they would be silently ignored, so we refuse
 * them: pool options are separate arguments).
 */
export const parseDatabaseUrl = (
  url: Redacted.Redacted<string> | string,
): Effect.Effect<MysqlEndpoint, DatabaseUrlError> =>
  Effect.suspend(() => {
    const raw = (Redacted.isRedacted(url) ? Redacted.value(url) : url).trim()
    const fail = (reason: string) => Effect.fail(new DatabaseUrlError({ url: redactUrl(raw), reason }))
    let parsed: URL
    try {
      parsed = new URL(raw)
    } catch {
      // Unparseable text may hide a password anywhere before the last "@".
      return Effect.fail(
        new DatabaseUrlError({
          url: raw.includes("@") ? `***${raw.slice(raw.lastIndexOf("@"))}` : raw,
          reason: "not a URL; expected mysql://user:password@host:3306/database",
        }),
      )
    }
    if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
      return fail(`protocol must be mysql: or mariadb:, got ${JSON.stringify(parsed.protocol)}`)
    }
    // `new URL` keeps the brackets of an IPv6 host.
    const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1")
    if (host === "") return fail("no host")
    const port = parsed.port === "" ? 3306 : Number(parsed.port)
    if (!Number.isSafeInteger(port) || port < 1 || port > 65535) return fail(`bad port ${parsed.port}`)
    const path = parsed.pathname.replace(/^\//, "")
    if (path.includes("/")) return fail(`expected at most one path segment (the database), got "/${path}"`)
    if (parsed.search !== "") {
      return fail(
        `query parameters are not supported (got ${[...parsed.searchParams.keys()].join(", ")}); ` +
          "pass pool options separately",
      )
    }
    try {
      const user = decodeURIComponent(parsed.username)
      const password = decodeURIComponent(parsed.password)
      const database = decodeURIComponent(path)
      return Effect.succeed<MysqlEndpoint>({
        host,
        port,
        user: user === "" ? undefined : user,
        password: password === "" ? undefined : Redacted.make(password),
        database: database === "" ? undefined : database,
      })
    } catch {
      return fail("bad percent-encoding in the user, password or database")
    }
  })

/**
 * `user@host:port/database`, for messages: everything but the password.
 */
export const describeEndpoint = (endpoint: MysqlEndpoint): string =>
  `${endpoint.user === undefined ? "" : `${endpoint.user}@`}${
    endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host
  }:${endpoint.port}/${endpoint.database ?? ""}`
