/**
 * One statement on one of the bounded client's connections (boundedClient.ts),
 * under its reply deadline: on Effect's live clock a plain timer (no fiber per
 * statement), on any other clock (a TestClock) Effect's own timeout.
 *
 * @internal
 */
import { SqlError } from "@effect/sql/SqlError"
import { Clock, Duration, Effect } from "effect"
import type * as mysql from "mysql2"

/** The code of the error a statement fails with when its reply deadline passes. */
export const statementTimeoutCode = "STATEMENT_TIMEOUT"

export interface Pooled {
  readonly conn: mysql.Connection
  /** A statement was sent and its reply has not come: releasing it destroys it. */
  busy: boolean
  /** The driver reported a fatal error, or a deadline passed: never reused. */
  broken: boolean
}

export const noReply = (timeout: Duration.Duration) =>
  new SqlError({
    message: "Failed to execute statement",
    cause: Object.assign(
      new Error(`no reply within ${Duration.format(timeout)}; the connection was closed`),
      { code: statementTimeoutCode, fatal: true },
    ),
  })

// Longer than a JS timer can wait: no deadline (as Effect's own clock treats it).
const maxTimerMillis = 2 ** 31 - 1
const liveClockConstructor = Clock.make().constructor
/** Effect's default clock (real time), as opposed to a TestClock or one of the caller's. */
const isLiveClock = (clock: Clock.Clock): boolean => clock.constructor === liveClockConstructor

// mysql2's destroy() only half-closes (a FIN that a frozen peer never answers): the socket goes too.
export const closeSocket = (conn: mysql.Connection) => {
  conn.destroy()
  ;(conn as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.()
}

/** The `send` of a client whose statements have `timeout` to answer. */
export const makeSend = (timeout: Duration.Duration) => {
  const timeoutMillis = Duration.toMillis(timeout)
  // The statement itself: `deadline` true arms a plain timer for the reply deadline (on the live
  // clock: one timer, no fibers); false leaves the deadline to the caller.
  const sendRaw = (
    entry: Pooled,
    sql: string,
    values: ReadonlyArray<unknown> | undefined,
    rowsAsArray: boolean,
    method: "execute" | "query",
    deadline: boolean,
  ) =>
    Effect.async<unknown, SqlError>((resume) => {
      entry.busy = true
      let settled = false
      let timer: ReturnType<typeof setTimeout> | undefined
      ;(entry.conn as unknown as Record<
        string,
        (options: unknown, callback: (cause: unknown, results: unknown) => void) => void
      >)[method]!(
        { sql, values, rowsAsArray },
        (cause, results) => {
          if (settled) return
          settled = true
          if (timer !== undefined) clearTimeout(timer)
          entry.busy = false
          if (cause) {
            if ((cause as { fatal?: unknown }).fatal === true) entry.broken = true
            resume(Effect.fail(new SqlError({ cause, message: "Failed to execute statement" })))
          } else {
            resume(Effect.succeed(results))
          }
        },
      )
      if (deadline && !settled && timeoutMillis <= maxTimerMillis) {
        // No reply in time: `busy` stays, so the release destroys the connection.
        timer = setTimeout(() => {
          if (settled) return
          settled = true
          resume(Effect.fail(noReply(timeout)))
        }, timeoutMillis)
      }
      // Interrupted (a stop): the reply is no longer awaited; `busy` stays, so release destroys it.
      return Effect.sync(() => {
        settled = true
        if (timer !== undefined) clearTimeout(timer)
      })
    })

  // On Effect's live clock the deadline is a plain timer; on any other (a TestClock) it is Effect's own timeout.
  const send = (
    entry: Pooled,
    sql: string,
    values: ReadonlyArray<unknown> | undefined,
    rowsAsArray: boolean,
    method: "execute" | "query",
  ) =>
    Effect.clockWith((clock) =>
      isLiveClock(clock)
        ? sendRaw(entry, sql, values, rowsAsArray, method, true)
        : Effect.timeoutFail(sendRaw(entry, sql, values, rowsAsArray, method, false), {
          duration: timeout,
          onTimeout: () => noReply(timeout),
        })
    )

  return send
}
