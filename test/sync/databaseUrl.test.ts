import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql/SqlClient"
import { ConfigProvider, type Duration, Effect, Layer, Redacted } from "effect"
import { layerMysql, mysqlFailureKind, parseDatabaseUrl, redactUrl } from "poolwise/sql"

const secret = "s3cr3t-pa55"

describe("database URLs: parsed into separate options, the password never shown", () => {
  it.effect("a full mysql:// URL becomes host, port, user, redacted password and database", () =>
    Effect.gen(function* () {
      const endpoint = yield* parseDatabaseUrl(Redacted.make(`mysql://app%40shop:${secret}@db.internal:3307/mall`))
      expect(endpoint).toMatchObject({ host: "db.internal", port: 3307, user: "app@shop", database: "mall" })
      expect(Redacted.value(endpoint.password!)).toBe(secret)
      expect(String(endpoint.password)).not.toContain(secret)
    }))

  it.effect("mariadb:// is accepted and the port defaults to 3306", () =>
    Effect.gen(function* () {
      const endpoint = yield* parseDatabaseUrl("mariadb://root@[::1]/test")
      expect(endpoint).toMatchObject({ host: "::1", port: 3306, user: "root", password: undefined, database: "test" })
    }))

  const malformed: ReadonlyArray<readonly [string, string]> = [
    [`postgres://u:${secret}@h/db`, "protocol must be mysql: or mariadb:"],
    [`mysql://u:${secret}@/db`, "not a URL"],
    [`u:${secret}@localhost:3306/db`, "protocol must be mysql: or mariadb:"],
    [`mysql://u:${secret}@h/db/extra`, "at most one path segment"],
    [`mysql://u:${secret}@h/db?connectTimeout=1000&password=${secret}`, "query parameters are not supported"],
    [`mysql://u:${secret}@h:0/db`, "bad port"],
    [`not a url ${secret}@`, "not a URL"],
  ]
  for (const [url, problem] of malformed) {
    it.effect(`rejects ${redactUrl(url)}: ${problem}, without the password`, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(parseDatabaseUrl(Redacted.make(url)))
        expect(error._tag).toBe("DatabaseUrlError")
        expect(error.message).toContain(problem)
        expect(error.message).not.toContain(secret)
        expect(JSON.stringify(error)).not.toContain(secret)
      }))
  }

  it.effect("layerMysql() reads MYSQL_POOL_SIZE with the kit's rule: 0 is refused, naming the variable, before connecting", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Layer.build(layerMysql())).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["MYSQL_POOL_SIZE", "0"]]))),
      )
      expect(error).toMatchObject({ _tag: "InvalidOptionError", option: "MYSQL_POOL_SIZE", value: "0" })
      expect(error.message).toBe('Invalid option "MYSQL_POOL_SIZE": expected a whole number ≥ 1, got "0"')
    }).pipe(Effect.scoped))

  it.effect("pool size 0 is refused before connecting: mysql2 would read it as 'no limit'", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Layer.build(layerMysql({ url: Redacted.make("mysql://root@127.0.0.1:3306/test"), poolSize: 0 })),
      )
      expect(error).toMatchObject({ _tag: "InvalidOptionError", option: "poolSize", value: 0 })
    }).pipe(Effect.scoped))

  const connectTo = (serverWait: Duration.DurationInput) =>
    Effect.flip(
      Effect.flatMap(SqlClient, (sql) => sql`SELECT 1`).pipe(
        Effect.provide(
          layerMysql({ url: Redacted.make(`mysql://app:${secret}@127.0.0.1:1/mall`), poolSize: 2, serverWait }),
        ),
      ),
    )

  it.live("a closed port is retried for serverWait, then is a typed DatabaseConnectionError naming the endpoint and the wait, not the password", () =>
    Effect.gen(function* () {
      const error = yield* connectTo("1 second")
      expect(error._tag).toBe("DatabaseConnectionError")
      expect(error.message).toContain("app@127.0.0.1:1/mall")
      expect(error.message).toContain("ECONNREFUSED")
      expect(error.message).toContain("still no answer after 1s of retrying")
      expect(error.message).not.toContain(secret)
    }))

  it.live("serverWait 0 does not wait: the refusal is reported at once", () =>
    Effect.gen(function* () {
      const error = yield* connectTo("0 millis")
      expect(error.message).toContain("ECONNREFUSED")
      expect(error.message).not.toContain("retrying")
    }))
})

describe("MySQL error classification", () => {
  it("reads the server's errno and code from inside an SqlError: 1040 in the driver's error is 'refused'", () => {
    const driverError = Object.assign(new Error("Too many connections"), {
      errno: 1040,
      code: "ER_CON_COUNT_ERROR",
      sqlState: "08004",
      sqlMessage: "Too many connections",
    })
    expect(mysqlFailureKind({ _tag: "SqlError", message: "Failed to execute statement", cause: driverError })).toBe(
      "refused",
    )
    expect(mysqlFailureKind({ _tag: "SqlError", message: "Failed to execute statement", cause: new Error("x") })).toBe(
      "permanent",
    )
  })

  it("lost and killed connections, too many connections, max_user_connections, deadlock and lock wait are transient, each of its kind", () => {
    const transient = [
      { message: "Lost connection to MySQL server during query", errno: 2013 },
      { message: "read ECONNRESET", code: "ECONNRESET" },
      { message: "Connection lost: The server closed the connection.", code: "PROTOCOL_CONNECTION_LOST" },
      { message: "Too many connections", errno: 1040 },
      { message: "User u already has more than 'max_user_connections' active connections", errno: 1203 },
      { message: "User 'u' has exceeded the 'max_user_connections' resource (current value: 3)", errno: 1226 },
      { message: "Deadlock found when trying to get lock", errno: 1213 },
      { message: "Lock wait timeout exceeded", errno: 1205 },
      { message: "Connection was killed", errno: 1927, code: "ER_CONNECTION_KILLED" },
    ]
    expect(transient.map(mysqlFailureKind)).toEqual([
      "connection",
      "connection",
      "connection",
      "refused",
      "refused",
      "refused",
      "contention",
      "contention",
      "connection",
    ])
    expect(mysqlFailureKind({ message: "User 'u' has exceeded the 'max_questions' resource", errno: 1226 })).toBe(
      "permanent",
    )
    expect(mysqlFailureKind({ message: "Duplicate entry", errno: 1062 })).toBe("permanent")
  })
})
