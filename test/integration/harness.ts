/**
 * A throwaway corner of a real MariaDB/MySQL for integration tests.
 *
 * Uses MYSQL_URL if set, else root with no password on 127.0.0.1:3306 (what
 * `.ci/mariadb.sh` sets up). Each test file gets its own databases and users,
 * made and dropped through a separate root ("admin") connection, which is
 * also how the tests watch the server's process list.
 *
 * If the server cannot be reached the tests are skipped with one line saying
 * how to enable them, except under CI=true, where that is an error.
 */
import { expect } from "@effect/vitest"
import { Duration, Effect, Redacted, Schedule } from "effect"
import mysql from "mysql2/promise"
import { describeEndpoint, type MysqlEndpoint, parseDatabaseUrl } from "poolwise/sql"
import { listFailures, type SyncReport } from "poolwise/sync"
import { queryOn } from "./support/adminQuery.ts"
import { killConnectionsOf } from "./support/killConnections.ts"

const serverUrl = process.env["MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306/test"

/** A MariaDB user made for one test file. */
export interface ThrowawayUser {
  readonly name: string
  readonly password: string
}

export interface Harness {
  /** The file's own database, empty at start. */
  readonly database: string
  /** A root connection kept apart from the pools under test. */
  readonly admin: mysql.Connection
  /** `mysql://` URL for `user` (root by default) on `database` (the file's by default). */
  readonly url: (options?: { readonly user?: ThrowawayUser; readonly database?: string }) => Redacted.Redacted<string>
  /** One more empty database, dropped with the rest. */
  readonly createDatabase: (suffix: string) => Promise<string>
  /** A user limited to `maxUserConnections` at once, with full rights on the file's databases. */
  readonly createUser: (suffix: string, maxUserConnections: number) => Promise<ThrowawayUser>
  /** How many connections `user` has open now, from information_schema.PROCESSLIST. */
  readonly connectionsOf: (user: ThrowawayUser) => Promise<number>
  /**
   * Polls `user`'s connection count until `stop` is called; resolves with the
   * highest count seen. Polls on the admin connection, so it never counts itself.
   */
  readonly watchConnections: (user: ThrowawayUser) => { readonly stop: () => Promise<number> }
  /**
   * Waits until `user` has no connections left. A failed or interrupted
   * statement keeps its server thread busy until it ends, so the next run must
   * not start before this.
   */
  readonly waitForDrain: (user: ThrowawayUser) => Promise<void>
  /** Kills leftover connections, drops the users and databases, closes admin. */
  readonly cleanup: () => Promise<void>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const token = () => Math.random().toString(36).slice(2, 8)

/**
 * Connects as admin and creates the file's database, or returns undefined
 * (skipping) when no server answers. Under CI=true an unreachable server throws.
 */
export const openHarness = async (label: string): Promise<Harness | undefined> => {
  const root: MysqlEndpoint = Effect.runSync(parseDatabaseUrl(Redacted.make(serverUrl)))
  let admin: mysql.Connection
  try {
    admin = await mysql.createConnection({
      host: root.host,
      port: root.port,
      ...(root.user === undefined ? {} : { user: root.user }),
      ...(root.password === undefined ? {} : { password: Redacted.value(root.password) }),
      connectTimeout: 3000,
    })
  } catch (error) {
    const why = `no MariaDB/MySQL at ${describeEndpoint(root)} (${(error as Error).message || String(error)})`
    if (process.env["CI"] === "true") {
      throw new Error(`Integration tests need a database under CI=true, but there is ${why}. Run .ci/mariadb.sh first.`)
    }
    console.log(`[integration] skipped: ${why}. Start MariaDB (.ci/mariadb.sh) or set MYSQL_URL to enable.`)
    return undefined
  }

  const prefix = `pw_${label}_${token()}`
  const databases: Array<string> = []
  const users: Array<ThrowawayUser> = []

  const createDatabase = async (suffix: string) => {
    const name = `${prefix}_${suffix}`
    await admin.query(`CREATE DATABASE ${mysql.escapeId(name)}`)
    databases.push(name)
    return name
  }
  const database = await createDatabase("db")

  const connectionsOf = async (user: ThrowawayUser) => {
    const [rows] = await admin.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?", [
      user.name,
    ])
    return Number((rows as Array<{ n: number }>)[0]!.n)
  }

  return {
    database,
    admin,
    url: (options = {}) => {
      const user = options.user ??
        { name: root.user ?? "root", password: root.password ? Redacted.value(root.password) : "" }
      const auth = `${encodeURIComponent(user.name)}${
        user.password === "" ? "" : `:${encodeURIComponent(user.password)}`
      }`
      const host = root.host.includes(":") ? `[${root.host}]` : root.host
      return Redacted.make(`mysql://${auth}@${host}:${root.port}/${encodeURIComponent(options.database ?? database)}`)
    },
    createDatabase,
    createUser: async (suffix, maxUserConnections) => {
      const user = { name: `${prefix}_${suffix}`.slice(0, 64), password: `pw-${token()}'"` }
      await admin.query("CREATE USER ?@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS ?", [
        user.name,
        user.password,
        maxUserConnections,
      ])
      users.push(user)
      for (const db of databases) await admin.query(`GRANT ALL ON ${mysql.escapeId(db)}.* TO ?@'%'`, [user.name])
      return user
    },
    connectionsOf,
    watchConnections: (user) => {
      let running = true
      let peak = 0
      const loop = (async () => {
        while (running) {
          peak = Math.max(peak, await connectionsOf(user))
          await sleep(1)
        }
      })()
      return {
        stop: async () => {
          running = false
          await loop
          return peak
        },
      }
    },
    waitForDrain: async (user) => {
      const deadline = Date.now() + 15_000
      while ((await connectionsOf(user)) > 0) {
        if (Date.now() > deadline) throw new Error(`connections of ${user.name} did not drain within 15 s`)
        await sleep(20)
      }
    },
    cleanup: async () => {
      try {
        for (const user of users) {
          await killConnectionsOf(queryOn(admin), user.name)
          await admin.query("DROP USER IF EXISTS ?@'%'", [user.name])
        }
        for (const db of databases) await admin.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(db)}`)
      } finally {
        await admin.end()
      }
    },
  }
}

/** Repeats `effect` every 5 ms until `done`; gives up (as a defect) after 20 s. */
export const pollUntil = <A>(
  effect: Effect.Effect<A>,
  done: (a: A) => boolean,
  within: Duration.DurationInput = "20 seconds",
): Effect.Effect<void> =>
  Effect.repeat(effect, { schedule: Schedule.spaced("5 millis"), until: done }).pipe(
    Effect.asVoid,
    Effect.timeoutFail({
      duration: within,
      onTimeout: () => new Error(`condition not reached in ${Duration.format(Duration.decode(within))}`),
    }),
    Effect.orDie,
  )

/**
 * The report of a run refused by a user's connection cap: every product is
 * accounted for, some failed, and each failure is the server's own
 * max_user_connections error (MariaDB: 1226 ER_USER_LIMIT_REACHED for a
 * per-user limit; MySQL and the global variable: 1203 ER_TOO_MANY_USER_CONNECTIONS).
 */
export const expectRefusedByUserCap = (
  report: Pick<SyncReport, "updated" | "failed" | "failures">,
  products: number,
): void => {
  expect(report.updated + report.failed).toBe(products)
  const failures = [...listFailures(report)]
  const refused = failures.filter((f) => [1203, 1226].includes(f.errno ?? 0))
  expect(refused.length).toBeGreaterThan(0)
  for (const failure of refused) expect(failure.reason).toContain("max_user_connections")
  // A refused handshake is the server's error packet, then a closed socket: under
  // load a runtime may see the close first. Those are the only other failures.
  for (const failure of failures.filter((f) => !refused.includes(f))) {
    expect(failure.reason).toMatch(/Connection lost|ECONNRESET|EPIPE|closed state/)
  }
}
