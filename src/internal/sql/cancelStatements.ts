/**
 * Cancels a store's statements still running on the server.
 *
 * Interrupting an Effect stops waiting for a statement at once, but mysql2 has
 * no way to take a statement back: the server keeps running it (a row lock
 * wait can last `innodb_lock_wait_timeout`), and its connection stays busy,
 * so closing the pool waits for it. Every statement of a store starts with the
 * store's own comment tag; this opens one short-lived connection, finds the
 * tagged statements in the process list (a user sees its own threads without
 * any privilege) and sends `KILL QUERY` for each, then waits until they end.
 *
 * The extra connection counts against the user's connection limit for a
 * moment. When it is refused (a user capped at exactly the pool size), the
 * statements end by themselves, as before; a warning says so. Every step is
 * bounded (a server that does not answer costs at most `cancelBudget`), so a
 * Ctrl-C ends the process in seconds whatever the server does.
 *
 * @internal
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import type * as Mysql from "@effect/sql-mysql2/MysqlClient"
import { Duration, Effect, Schedule } from "effect"
import { makeBoundedMysqlClient } from "./boundedClient.ts"
import { mysqlErrorInfo } from "./mysqlError.ts"

/** The most a cancel takes, whatever the server does (a frozen one never answers the handshake). */
export const cancelBudget: Duration.Duration = Duration.seconds(2)

const decodeIds = (rows: ReadonlyArray<Record<string, unknown>>): Array<number> =>
  rows.map((row) => Number(row["ID"] ?? row["id"]))

/** Kills the statements carrying `tag` and returns how many it killed; never fails. */
export const cancelTaggedStatements = (config: Mysql.MysqlClientConfig, tag: string): Effect.Effect<number> =>
  Effect.gen(function* () {
    const endpoint = {
      host: config.host ?? "127.0.0.1",
      port: config.port ?? 3306,
      user: config.username,
      password: config.password,
      database: config.database,
    }
    const sql = yield* makeBoundedMysqlClient(endpoint, config, {
      poolSize: 1,
      connectTimeout: Duration.seconds(1),
      statementTimeout: Duration.seconds(1),
    })
    const pattern = `${tag}%`
    const running = Effect.map(
      sql<Record<string, unknown>>`SELECT ID FROM information_schema.PROCESSLIST
        WHERE INFO LIKE ${pattern} AND ID <> CONNECTION_ID()`,
      decodeIds,
    )
    const ids = yield* running
    for (const id of ids) {
      // It may have ended meanwhile: "Unknown thread id" is fine.
      yield* Effect.ignore(sql`KILL QUERY ${id}`)
    }
    // KILL QUERY only flags the thread; wait (briefly) until the statements are gone.
    yield* running.pipe(
      Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (left) => left.length === 0 }),
      Effect.timeout(Duration.seconds(1)),
      Effect.ignore,
    )
    return ids.length
  }).pipe(
    Effect.scoped,
    Effect.provide(Reactivity.layer),
    Effect.timeout(cancelBudget),
    Effect.catchAll((error) =>
      Effect.as(
        Effect.logWarning(
          `could not cancel running statements (${
            mysqlErrorInfo(error).message
          }); they end by themselves, within innodb_lock_wait_timeout for a row lock`,
        ),
        0,
      )
    ),
  )
