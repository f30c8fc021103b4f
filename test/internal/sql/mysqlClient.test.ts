/**
 * The pieces behind `layerMysql`: the config handed to `MysqlClient`, the
 * `MYSQL_*` settings, and what is read out of a driver's error.
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Duration, Effect, Redacted } from "effect"
import { mysqlClientConfig, mysqlSettings, resolveMysqlOptions } from "../../../src/internal/sql/mysqlClient.ts"
import { mysqlErrorInfo } from "../../../src/internal/sql/mysqlError.ts"

const secret = "s3cr3t-pa55"

describe("layerMysql's pieces", () => {
  it("the MysqlClient config takes the pool size as maxConnections and keeps poolConfig (the non-url path)", () => {
    const config = mysqlClientConfig(
      { host: "h", port: 3306, user: "u", password: undefined, database: "d" },
      { poolSize: 4, connectTimeout: Duration.seconds(2), serverWait: Duration.zero },
    )
    expect(config.url).toBeUndefined()
    expect(config.maxConnections).toBe(4)
    expect(config.poolConfig).toMatchObject({ connectTimeout: 2000, maxIdle: 4, timezone: "Z" })
  })

  it.effect("Config: MYSQL_URL wins; else MYSQL_HOST/PORT/USER/PASSWORD/DATABASE; MYSQL_POOL_SIZE defaults to 5", () =>
    Effect.gen(function* () {
      const fromUrl = yield* mysqlSettings.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(
          new Map([["MYSQL_URL", `mysql://u:${secret}@h:3310/d`], ["MYSQL_POOL_SIZE", "3"]]),
        )),
      )
      expect(fromUrl).toMatchObject({ endpoint: { host: "h", port: 3310, user: "u", database: "d" }, poolSize: 3 })
      const fromParts = yield* mysqlSettings.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(
          new Map([["MYSQL_HOST", "db"], ["MYSQL_PASSWORD", secret], ["MYSQL_DATABASE", "mall"]]),
        )),
      )
      expect(fromParts).toMatchObject({
        endpoint: { host: "db", port: 3306, user: "root", database: "mall" },
        poolSize: 5,
      })
      expect(Redacted.value(fromParts.endpoint.password!)).toBe(secret)
    }))

  it.effect("options: an endpoint wins over a URL, a poolSize over MYSQL_POOL_SIZE; the defaults fill the rest", () =>
    Effect.gen(function* () {
      const endpoint = { host: "e", port: 3306, user: "u", password: undefined, database: "d" }
      const resolved = yield* resolveMysqlOptions({ endpoint, url: Redacted.make("mysql://x@other/y"), poolSize: 2 })
      expect(resolved.endpoint).toBe(endpoint)
      expect(resolved.pool).toEqual({
        poolSize: 2,
        connectTimeout: Duration.seconds(4),
        serverWait: Duration.seconds(30),
      })
      const fromEnvironment = yield* resolveMysqlOptions({ poolSize: 7 }).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["MYSQL_POOL_SIZE", "3"]]))),
      )
      expect(fromEnvironment.pool.poolSize).toBe(7)
    }))

  it("keeps the server's errno, code and message from inside an SqlError", () => {
    const driverError = Object.assign(new Error("Too many connections"), {
      errno: 1040,
      code: "ER_CON_COUNT_ERROR",
      sqlState: "08004",
      sqlMessage: "Too many connections",
    })
    const info = mysqlErrorInfo({ _tag: "SqlError", message: "Failed to execute statement", cause: driverError })
    expect(info).toEqual({
      message: "Too many connections",
      errno: 1040,
      code: "ER_CON_COUNT_ERROR",
      sqlState: "08004",
    })
  })
})
