/**
 * Riding through a server that goes away.
 *
 * When a statement fails because its connection was lost or refused (a crash,
 * a restart, a failover, a killed connection), the retry schedule (retry.ts)
 * closes the gate: every worker that reaches it waits, and one prober pings
 * the server with backoff. When the server answers, the gate opens and each
 * waiting statement runs again (the job's writes are idempotent per run, so a
 * statement whose reply was lost does not write twice). If the server stays
 * away longer than `serverWait`, the gate calls `giveUp` (the job then stops
 * with a report that `resume` completes) and never opens.
 *
 * Workers pause instead of failing one by one, and the server is probed by one
 * connection, not hammered by every worker at once when it comes back.
 *
 * @internal
 */
import { Clock, Deferred, Duration, Effect, Either, FiberId, Schedule, type Scope } from "effect"
import type { RepositoryError } from "./RepositoryError.ts"

export interface ServerGateOptions {
  /** One round trip to the server. */
  readonly ping: Effect.Effect<void, RepositoryError>
  /** How long to wait for the server. */
  readonly serverWait: Duration.Duration
  /** Called once when the server stayed away longer than `serverWait`. */
  readonly giveUp: (reason: string) => Effect.Effect<void>
}

export interface ServerGate {
  /** Runs `statement`, after waiting at the gate while an outage is open. */
  readonly pass: <A, E, R>(statement: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** While an outage is open, the wait until the gate opens; undefined while it is open (nothing to wait for). */
  readonly closed: () => Effect.Effect<void> | undefined
  /**
   * After a lost connection: closes the gate (once per outage; one prober
   * pings the server with backoff) and waits until it opens again. True when
   * the server answered after at least one failed ping (an outage), false when
   * it answered at once (the connection alone was lost). Never returns when
   * the server stays away longer than `serverWait`. The retry schedule calls it.
   */
  readonly waitForServer: (error: unknown) => Effect.Effect<boolean>
  /** Outages ridden through so far. */
  readonly outages: () => number
}

// Probing backs off from 100 ms to 1 s: quick to see a restart, light on a server that is starting.
const probing = Schedule.exponential("100 millis", 2).pipe(Schedule.union(Schedule.spaced("1 second")))

const messageOf = (error: unknown): string =>
  typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string"
    ? (error as { message: string }).message
    : String(error)

/** A gate whose probes run in the current scope: closing it stops any probe still running. */
export const makeServerGate = (options: ServerGateOptions): Effect.Effect<ServerGate, never, Scope.Scope> =>
  Effect.map(Effect.scope, (scope) => {
    // The open outage, if any: resolves true when the server answered after at
    // least one failed ping (a real outage), false when it answered at once.
    let outage: Deferred.Deferred<boolean> | undefined
    let outages = 0

    const probe = (done: Deferred.Deferred<boolean>, lastError: unknown) =>
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
            `the server did not answer for ${Duration.format(Duration.millis(waited))}: ${messageOf(last)}`,
          )
        }
        if (failedPings > 0) outages++
        outage = undefined
        yield* Deferred.succeed(done, failedPings > 0)
      })

    const waitForServer = (error: unknown): Effect.Effect<boolean> =>
      Effect.suspend(() => {
        let open = outage
        if (open === undefined) {
          open = Deferred.unsafeMake<boolean>(FiberId.none)
          outage = open
          return Effect.zipRight(Effect.forkIn(probe(open, error), scope), Deferred.await(open))
        }
        return Deferred.await(open)
      })

    const pass = <A, E, R>(statement: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.suspend(() => outage === undefined ? statement : Effect.zipRight(Deferred.await(outage), statement))

    const closed = () => outage === undefined ? undefined : Deferred.await(outage)

    return { pass, closed, waitForServer, outages: () => outages }
  })
