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
import { Clock, Context, Duration, Effect, Redacted, type Scope } from "effect"
import * as mysql from "mysql2"
import { makeGate } from "../gate.ts"
import { closeSocket, type Holding, makeSend, noReply, type Pooled, type Statement } from "./boundedSend.ts"
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

export { type Holding, statementTimeoutCode } from "./boundedSend.ts"

/** What a bounded client adds to `MysqlClient`: the lock wait its connections already have, and a lean statement. */
export interface BoundedMysqlClient extends Mysql.MysqlClient {
  readonly sessionLockWaitSeconds: number | undefined
  /**
   * One statement as text (values escaped by the driver) on a pooled
   * connection, under the same cap and reply deadline as every other, and
   * its driver result as is (an UPDATE's `affectedRows`). No span and no
   * compiling: the hot writes' path, built once per statement text.
   */
  readonly runText: (sql: string, params: ReadonlyArray<unknown>, holding?: Holding) => Effect.Effect<unknown, SqlError>
}

const holdingNothing: Holding = { hold: () => undefined, free: () => undefined }

/** `client` as a bounded client, if it is one. */
export const asBoundedClient = (client: unknown): BoundedMysqlClient | undefined =>
  // A client is a function (the `sql` template tag) with properties.
  (typeof client === "function" || (typeof client === "object" && client !== null)) &&
    typeof (client as Partial<BoundedMysqlClient>).runText === "function"
    ? client as BoundedMysqlClient
    : undefined

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
    // A first-come line (../gate.ts): a release hands its permit to the next in line, O(1) however many wait.
    const permits = makeGate(settings.poolSize)
    const timeout = settings.statementTimeout

    const destroy = (entry: Pooled) => {
      open.delete(entry)
      closeSocket(entry.conn)
    }

    const { send, start, timesItself } = makeSend(timeout)

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
        settings.lockWaitSeconds === undefined ? Effect.void : send(entry, {
          sql: "SET SESSION innodb_lock_wait_timeout = ?",
          values: [settings.lockWaitSeconds],
          rowsAsArray: false,
          method: "query",
        }).pipe(
          Effect.onError(() => Effect.sync(() => destroy(entry))),
        )
      ),
    )

    const releaseNow = (entry: Pooled) => {
      if (closed || entry.busy || entry.broken) destroy(entry)
      else idle.push(entry)
    }
    const release = (entry: Pooled) => Effect.sync(() => releaseNow(entry))

    // An idle connection the server closed meanwhile (KILL, wait_timeout) is dropped, not handed out.
    const popIdle = (): Pooled | undefined => {
      let ready = idle.pop()
      while (ready !== undefined && ready.broken) {
        destroy(ready)
        ready = idle.pop()
      }
      return ready
    }
    const take = Effect.interruptible(Effect.suspend(() => {
      const ready = popIdle()
      return ready === undefined ? connect : Effect.succeed(ready)
    }))

    // Both waits stay interruptible (acquireRelease would make them not): a stop
    // never waits for a permit or a handshake, and an interrupted connect destroys its socket.
    const checkout: Effect.Effect<Pooled, SqlError, Scope.Scope> = Effect.acquireRelease(
      Effect.interruptible(permits.acquire),
      () => Effect.sync(permits.release),
    ).pipe(
      Effect.zipRight(Effect.acquireRelease(
        take,
        release,
      )),
    )

    class BoundedConnection implements Connection {
      constructor(private readonly entry: Pooled) {}
      private rows(sql: string, params: ReadonlyArray<unknown>, rowsAsArray: boolean, method: "execute" | "query") {
        return Effect.map(send(this.entry, { sql, values: params, rowsAsArray, method }), (r) =>
          Array.isArray(r) ? r : [])
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
        return send(this.entry, { sql, values: params, rowsAsArray: false, method: "execute" })
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

    const acquirer = Effect.map(checkout, (entry) =>
      new BoundedConnection(entry) as Connection)

    // The same permit and connection as `checkout`, without a scope per statement. On Effect's live clock a
    // statement is one callback: with a permit and an idle connection both free (the usual case) both are taken,
    // the text sent under a plain reply timer, and both given back as the reply comes (or, interrupted, at once:
    // the connection, still busy, is then destroyed). Otherwise it waits in the permits' line, then does the same
    // holding its permit; with no idle connection it opens one as `checkout` does.
    const runText = (
      sql: string,
      params: ReadonlyArray<unknown>,
      holding: Holding = holdingNothing,
    ): Effect.Effect<unknown, SqlError> =>
      Effect.withFiberRuntime((fiber) => {
        const statement: Statement = { sql, values: params, rowsAsArray: false, method: "query" }
        const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
        const asked = clock.unsafeCurrentTimeMillis()
        const hold = () => holding.hold(clock.unsafeCurrentTimeMillis() - asked, fiber)
        // A permit held: a connection taken (opened if none is idle) for this statement, given back after it.
        const opening = () =>
          Effect.acquireUseRelease(
            Effect.tap(take, () => Effect.sync(hold)),
            (entry) => send(entry, statement),
            (entry) =>
              Effect.sync(() => {
                releaseNow(entry)
                holding.free()
              }),
          )
        if (!timesItself(clock)) return permits.withPermit(opening())
        // `ownPermit`: take the permit here too (false: the caller holds one).
        const oneCallback = (ownPermit: boolean): Effect.Effect<unknown, SqlError> =>
          Effect.async<unknown, SqlError>((resume) => {
            const entry = !closed && (!ownPermit || permits.available() > 0) ? popIdle() : undefined
            if (entry === undefined) {
              return resume(ownPermit ? permits.withPermit(oneCallback(false)) : opening())
            }
            if (ownPermit) permits.tryAcquire()
            hold()
            let given = false
            const giveBack = () => {
              if (given) return
              given = true
              releaseNow(entry)
              if (ownPermit) permits.release()
              holding.free()
            }
            const cancel = start(entry, statement, true, (error, results) => {
              giveBack()
              resume(error === undefined ? Effect.succeed(results) : Effect.fail(error))
            })
            return Effect.sync(() => {
              cancel()
              giveBack()
            })
          })
        return oneCallback(true)
      })

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
