/**
 * Riding through a server that goes away.
 *
 * When a statement fails because its connection was lost or refused (a crash,
 * a restart, a failover, a killed connection), the gate closes: every worker
 * that reaches it waits, and one prober pings the server with backoff. When
 * the server answers, the gate opens and each waiting statement runs again
 * (the job's writes are idempotent per run, so a statement whose reply was
 * lost does not write twice). If the server stays away longer than
 * `serverWait`, the gate calls `giveUp` (the job then stops with a report that
 * `resume` completes) and never opens.
 *
 * Workers pause instead of failing one by one, and the server is probed by one
 * connection, not hammered by every worker at once when it comes back.
 *
 * @internal
 */
import { Clock, Deferred, Duration, Effect, Either, FiberId, Schedule, type Scope } from "effect"
import { RepositoryError } from "../../sync/RepositoryError.ts"

export interface ServerGateOptions {
  /** One round trip to the server. */
  readonly ping: Effect.Effect<void, RepositoryError>
  /** How long to wait for the server; zero turns the gate off (failures pass straight through). */
  readonly serverWait: Duration.Duration
  /** Retries after a lost connection while the server still answers pings (a killed connection, not an outage). */
  readonly lostConnectionRetries: number
  /** Called once when the server stayed away longer than `serverWait`. */
  readonly giveUp: (reason: string) => Effect.Effect<void>
  /** Called each time a statement runs again. */
  readonly onRetry: Effect.Effect<void>
}

export interface ServerGate {
  /** Runs `statement`, waiting out outages and running it again after each. */
  readonly guard: <A, E>(statement: Effect.Effect<A, E>) => Effect.Effect<A, E>
  /** Outages ridden through so far. */
  readonly outages: () => number
}

const isConnectionFailure = (error: unknown) => error instanceof RepositoryError && error.kind === "connection"

// Probing backs off from 100 ms to 1 s: quick to see a restart, light on a server that is starting.
const probing = Schedule.exponential("100 millis", 2).pipe(Schedule.union(Schedule.spaced("1 second")))

/** A gate whose probes run in the current scope: closing it stops any probe still running. */
export const makeServerGate = (options: ServerGateOptions): Effect.Effect<ServerGate, never, Scope.Scope> =>
  Effect.map(Effect.scope, (scope) => {
    // The open outage, if any: resolves true when the server answered after at
    // least one failed ping (a real outage), false when it answered at once.
    let outage: Deferred.Deferred<boolean> | undefined
    let outages = 0

    const probe = (done: Deferred.Deferred<boolean>, lastError: RepositoryError) =>
      Effect.gen(function* () {
        const since = yield* Clock.currentTimeMillis
        let failedPings = 0
        let last = lastError
        const answered = yield* options.ping.pipe(
          Effect.tapError((error) =>
            Effect.sync(() => {
              failedPings++
              last = error
            })
          ),
          Effect.retry(probing),
          Effect.timeout(options.serverWait),
          Effect.either,
        )
        if (Either.isLeft(answered)) {
          const waited = (yield* Clock.currentTimeMillis) - since
          return yield* options.giveUp(
            `the server did not answer for ${Duration.format(Duration.millis(waited))}: ${last.message}`,
          )
        }
        if (failedPings > 0) outages++
        outage = undefined
        yield* Deferred.succeed(done, failedPings > 0)
      })

    // Closes the gate (once per outage) and waits for it to open.
    const waitForServer = (error: RepositoryError): Effect.Effect<boolean> =>
      Effect.suspend(() => {
        let open = outage
        if (open === undefined) {
          open = Deferred.unsafeMake<boolean>(FiberId.none)
          outage = open
          return Effect.zipRight(Effect.forkIn(probe(open, error), scope), Deferred.await(open))
        }
        return Deferred.await(open)
      })

    const guard = <A, E>(statement: Effect.Effect<A, E>): Effect.Effect<A, E> => {
      if (Duration.isZero(options.serverWait)) return statement
      const run = (lostRetries: number): Effect.Effect<A, E> =>
        Effect.catchIf(
          statement,
          isConnectionFailure,
          (error) =>
            Effect.flatMap(waitForServer(error as RepositoryError), (wasDown) => {
              // The server never stopped answering: the connection itself was lost
              // (e.g. killed). That is retried a bounded number of times.
              const left = wasDown ? lostRetries : lostRetries - 1
              return left < 0 ? Effect.fail(error) : Effect.zipRight(options.onRetry, attempt(left))
            }),
        )
      // While an outage is open, wait at the gate before running.
      const attempt = (lostRetries: number): Effect.Effect<A, E> =>
        Effect.suspend(() =>
          outage === undefined ? run(lostRetries) : Effect.zipRight(Deferred.await(outage), run(lostRetries))
        )
      return attempt(options.lostConnectionRetries)
    }

    return { guard, outages: () => outages }
  })
