/**
 * One statement on one of the bounded client's connections (boundedClient.ts),
 * under its reply deadline: on Effect's live clock a plain timer (no fiber per
 * statement), on any other clock (a TestClock) Effect's own timeout.
 *
 * @internal
 */
import { SqlError } from "@effect/sql/SqlError"
import { Clock, Duration, Effect, type Fiber } from "effect"
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

/** One statement: its connection, its text and values, how rows come back, and which mysql2 call sends it. */
export interface Statement {
  readonly sql: string
  readonly values: ReadonlyArray<unknown> | undefined
  readonly rowsAsArray: boolean
  readonly method: "execute" | "query"
}

/** Told, synchronously, when a `runText` statement (boundedClient.ts) takes its connection and gives it back. */
export interface Holding {
  /** The connection is taken, after `waitedMillis` in line (Effect's clock), by `fiber`. */
  readonly hold: (waitedMillis: number, fiber: Fiber.RuntimeFiber<unknown, unknown>) => void
  /** The connection is given back (once per `hold`, however the statement ended). */
  readonly free: () => void
}

/** How a statement ended: a driver error or a passed deadline (as `SqlError`), or the driver's result. */
export type Reply = (error: SqlError | undefined, results: unknown) => void

/** The `send` of a client whose statements have `timeout` to answer, and its callback form `start`. */
export const makeSend = (timeout: Duration.Duration) => {
  const timeoutMillis = Duration.toMillis(timeout)
  const armed = timeoutMillis <= maxTimerMillis

  /**
   * Sends `statement` on `entry` and calls `reply` once: with the result, the
   * driver's error, or (`deadline` true) `noReply` when no reply came within
   * `timeout` (a plain timer). Returns the cancel: the reply is then no longer
   * awaited and `reply` is never called. Until a reply, `busy` stays, so the
   * connection's release destroys it.
   */
  const start = (entry: Pooled, statement: Statement, deadline: boolean, reply: Reply): () => void => {
    entry.busy = true
    let settled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    ;(entry.conn as unknown as Record<
      string,
      (options: unknown, callback: (cause: unknown, results: unknown) => void) => void
    >)[statement.method]!(
      { sql: statement.sql, values: statement.values, rowsAsArray: statement.rowsAsArray },
      (cause, results) => {
        if (settled) return
        settled = true
        if (timer !== undefined) clearTimeout(timer)
        entry.busy = false
        if (cause) {
          if ((cause as { fatal?: unknown }).fatal === true) entry.broken = true
          reply(new SqlError({ cause, message: "Failed to execute statement" }), undefined)
        } else {
          reply(undefined, results)
        }
      },
    )
    if (deadline && !settled && armed) {
      timer = setTimeout(() => {
        if (settled) return
        settled = true
        reply(noReply(timeout), undefined)
      }, timeoutMillis)
    }
    return () => {
      settled = true
      if (timer !== undefined) clearTimeout(timer)
    }
  }

  // `start` as an Effect; the deadline a plain timer (`deadline` true) or left to the caller.
  const sendRaw = (entry: Pooled, statement: Statement, deadline: boolean) =>
    Effect.async<unknown, SqlError>((resume) => {
      const cancel = start(
        entry,
        statement,
        deadline,
        (error, results) => resume(error === undefined ? Effect.succeed(results) : Effect.fail(error)),
      )
      // Interrupted (a stop): the reply is no longer awaited; `busy` stays, so release destroys it.
      return Effect.sync(cancel)
    })

  /** Whether `clock` is Effect's live one: then a statement's deadline is a plain timer (see `start`). */
  const timesItself = isLiveClock

  // On Effect's live clock the deadline is a plain timer; on any other (a TestClock) it is Effect's own timeout.
  const send = (entry: Pooled, statement: Statement): Effect.Effect<unknown, SqlError> =>
    Effect.clockWith((clock) =>
      isLiveClock(clock) ? sendRaw(entry, statement, true) : Effect.timeoutFail(sendRaw(entry, statement, false), {
        duration: timeout,
        onTimeout: () => noReply(timeout),
      })
    )

  return { send, start, timesItself }
}
