/**
 * A `MysqlClient` whose every statement has a reply deadline, over a small
 * pool of its own (issue 21): what the product store's live stack runs on.
 *
 * `@effect/sql-mysql2` keeps its mysql2 pool to itself, and mysql2 cannot
 * take back a statement: its per-query `timeout` fails the call but leaves
 * the connection busy, waiting for a reply that a frozen server or a
 * blackholed path never sends. So this module opens the connections itself
 * (at most `poolSize` at once, the cap kept) and hands one to each statement:
 *
 * - a statement with no reply within `statementTimeout` fails with a
 *   connection-class error (`STATEMENT_TIMEOUT`, fatal), and its connection
 *   is destroyed, never reused; the retry policy and the server gate take it
 *   from there, as for a dropped connection;
 * - a statement interrupted before its reply (Ctrl-C) destroys its
 *   connection too: releasing it never waits for the server;
 * - a connection that answered goes back to the idle list; one the driver
 *   marked fatal is dropped;
 * - each new connection sets `innodb_lock_wait_timeout` once (when given), so
 *   writes need no `SET` of their own;
 * - closing ends the idle connections politely, and destroys any that do not
 *   say goodbye within half a second.
 *
 * @internal
 */
import type * as Reactivity from "@effect/experimental/Reactivity"
import * as Client from "@effect/sql/SqlClient"
import type { Connection } from "@effect/sql/SqlConnection"
import { SqlError } from "@effect/sql/SqlError"
import * as Mysql from "@effect/sql-mysql2/MysqlClient"
import { Clock, Duration, Effect, Redacted, type Scope } from "effect"
import * as mysql from "mysql2"
import type { MysqlEndpoint } from "./databaseUrl.ts"

/** A bounded client's settings, already checked. */
export interface BoundedClientSettings {
  readonly poolSize: number
  readonly connectTimeout: Duration.Duration
  /** No reply within this: the statement fails as a lost connection, and its connection is destroyed. */
  readonly statementTimeout: Duration.Duration
  /** `innodb_lock_wait_timeout` set once on each connection, in whole seconds; undefined: the server's. */
  readonly lockWaitSeconds?: number | undefined
}

/** The code of the error a statement fails with when its reply deadline passes. */
export const statementTimeoutCode = "STATEMENT_TIMEOUT"

/** What a bounded client adds to `MysqlClient`: the lock wait its connections already have, and a lean statement. */
export interface BoundedMysqlClient extends Mysql.MysqlClient {
  readonly sessionLockWaitSeconds: number | undefined
  /**
   * One statement as text (values escaped by the driver) on a pooled
   * connection, under the same cap and reply deadline as every other, and
   * its driver result as is (an UPDATE's `affectedRows`). No span and no
   * compiling: the hot writes' path, built once per statement text.
   */
  readonly runText: (sql: string, params: ReadonlyArray<unknown>) => Effect.Effect<unknown, SqlError>
}

/** `client` as a bounded client, if it is one. */
export const asBoundedClient = (client: unknown): BoundedMysqlClient | undefined =>
  // A client is a function (the `sql` template tag) with properties.
  (typeof client === "function" || (typeof client === "object" && client !== null)) &&
    typeof (client as Partial<BoundedMysqlClient>).runText === "function"
    ? client as BoundedMysqlClient
    : undefined

interface Pooled {
  readonly conn: mysql.Connection
  /** A statement was sent and its reply has not come: releasing it destroys it. */
  busy: boolean
  /** The driver reported a fatal error, or a deadline passed: never reused. */
  broken: boolean
}

const noReply = (timeout: Duration.Duration) =>
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
const closeSocket = (conn: mysql.Connection) => {
  conn.destroy()
  ;(conn as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.()
}

/** A scoped bounded client; its connections are closed with the scope. */
export const makeBoundedMysqlClient = (
  endpoint: MysqlEndpoint,
  config: Mysql.MysqlClientConfig,
  settings: BoundedClientSettings,
): Effect.Effect<BoundedMysqlClient, never, Scope.Scope | Reactivity.Reactivity> =>
  Effect.gen(function* () {
    const idle: Array<Pooled> = []
    const open = new Set<Pooled>()
    let closed = false
    const permits = yield* Effect.makeSemaphore(settings.poolSize)
    const timeout = settings.statementTimeout

    const destroy = (entry: Pooled) => {
      open.delete(entry)
      closeSocket(entry.conn)
    }

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

    const connect = Effect.async<Pooled, SqlError>((resume) => {
      const conn = mysql.createConnection({
        host: endpoint.host,
        port: endpoint.port,
        ...(endpoint.user === undefined ? {} : { user: endpoint.user }),
        ...(endpoint.password === undefined ? {} : { password: Redacted.value(endpoint.password) }),
        ...(endpoint.database === undefined ? {} : { database: endpoint.database }),
        connectTimeout: Duration.toMillis(settings.connectTimeout),
        timezone: "Z",
        multipleStatements: true,
        supportBigNumbers: true,
      })
      const entry: Pooled = { conn, busy: false, broken: false }
      // A lost socket is reported here too: the connection is dropped at its next release.
      conn.on("error", () => void (entry.broken = true))
      let settled = false
      conn.connect((cause) => {
        if (settled) return
        settled = true
        if (cause) {
          closeSocket(conn)
          resume(Effect.fail(new SqlError({ cause, message: "Failed to acquire connection" })))
        } else {
          open.add(entry)
          resume(Effect.succeed(entry))
        }
      })
      return Effect.sync(() => {
        settled = true
        closeSocket(conn)
      })
    }).pipe(
      // The handshake of a server that accepts but never greets is bounded by mysql2's connectTimeout; this is a backstop.
      Effect.timeoutFail({
        duration: Duration.sum(settings.connectTimeout, "1 second"),
        onTimeout: () => noReply(settings.connectTimeout),
      }),
      Effect.tap((entry) =>
        settings.lockWaitSeconds === undefined
          ? Effect.void
          : send(entry, "SET SESSION innodb_lock_wait_timeout = ?", [settings.lockWaitSeconds], false, "query").pipe(
            Effect.onError(() => Effect.sync(() => destroy(entry))),
          )
      ),
    )

    const release = (entry: Pooled) =>
      Effect.sync(() => {
        if (closed || entry.busy || entry.broken) destroy(entry)
        else idle.push(entry)
      })

    // Both waits stay interruptible (acquireRelease would make them not): a stop
    // never waits for a permit or a handshake, and an interrupted connect destroys its socket.
    const checkout: Effect.Effect<Pooled, SqlError, Scope.Scope> = Effect.acquireRelease(
      Effect.interruptible(permits.take(1)),
      () => permits.release(1),
    ).pipe(
      Effect.zipRight(Effect.acquireRelease(
        Effect.interruptible(Effect.suspend(() => {
          const ready = idle.pop()
          return ready === undefined ? connect : Effect.succeed(ready)
        })),
        release,
      )),
    )

    class BoundedConnection implements Connection {
      constructor(private readonly entry: Pooled) {}
      private rows(sql: string, params: ReadonlyArray<unknown>, rowsAsArray: boolean, method: "execute" | "query") {
        return Effect.map(send(this.entry, sql, params, rowsAsArray, method), (r) => Array.isArray(r) ? r : [])
      }
      execute(
        sql: string,
        params: ReadonlyArray<unknown>,
        transformRows: (<A extends object>(row: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined,
      ) {
        const rows = this.rows(sql, params, false, "execute")
        return transformRows ? Effect.map(rows, transformRows) : rows
      }
      executeRaw(sql: string, params: ReadonlyArray<unknown>) {
        return send(this.entry, sql, params, false, "execute")
      }
      executeValues(sql: string, params: ReadonlyArray<unknown>) {
        return this.rows(sql, params, true, "execute") as Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError>
      }
      executeUnprepared(
        sql: string,
        params: ReadonlyArray<unknown>,
        transformRows: (<A extends object>(row: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined,
      ) {
        const rows = this.rows(sql, params, false, "query")
        return transformRows ? Effect.map(rows, transformRows) : rows
      }
      executeStream(): never {
        throw new Error("the bounded client does not stream")
      }
    }

    const acquirer = Effect.map(checkout, (entry) => new BoundedConnection(entry) as Connection)

    // The same permit and connection as `checkout`, without a scope per statement.
    const take = Effect.interruptible(Effect.suspend(() => {
      const ready = idle.pop()
      return ready === undefined ? connect : Effect.succeed(ready)
    }))
    const runText = (sql: string, params: ReadonlyArray<unknown>): Effect.Effect<unknown, SqlError> =>
      permits.withPermits(1)(
        Effect.acquireUseRelease(take, (entry) => send(entry, sql, params, false, "query"), release),
      )

    yield* Effect.addFinalizer(() =>
      Effect.suspend(() => {
        closed = true
        const leaving = idle.splice(0)
        return Effect.forEach(leaving, (entry) =>
          Effect.async<void>((resume) => {
            entry.conn.end(() => resume(Effect.void))
          }).pipe(
            Effect.timeout("500 millis"),
            Effect.ignore,
            Effect.ensuring(Effect.sync(() => destroy(entry))),
          ), { concurrency: "unbounded", discard: true }).pipe(
            Effect.zipRight(Effect.sync(() => {
              for (const entry of open) destroy(entry)
            })),
          )
      })
    )

    const client = yield* Client.make({
      acquirer,
      transactionAcquirer: acquirer,
      compiler: Mysql.makeCompiler(),
      spanAttributes: [["db.system.name", "mysql"], ["server.address", endpoint.host], ["server.port", endpoint.port]],
    })
    return Object.assign(client, {
      [Mysql.TypeId]: Mysql.TypeId,
      config,
      sessionLockWaitSeconds: settings.lockWaitSeconds,
      runText,
    }) as BoundedMysqlClient
  })
