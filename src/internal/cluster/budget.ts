/**
 * One connection budget for the whole cluster. Every runner holds its job's
 * pool and the cluster storage's own pool (one of whose connections stays
 * reserved for shard locks), and the client that submits a run holds one
 * more. A runner registers what it holds in `runner_budget` before it opens
 * anything else, and refuses to start when the registered total would pass
 * the budget: the arithmetic is in the message. Registrations are refreshed
 * while the runner lives and dropped when it stops; a runner that died
 * without saying so (kill -9) stops counting once its row goes stale.
 *
 * @internal
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Data, Duration, Effect, Schedule } from "effect"
import * as defaults from "../defaults.ts"

/** Connections kept for the client that submits a run (`sync --cluster`): the budget counts it. */
export const clientConnections = 1

/** What one runner holds. */
export interface RunnerConnections {
  readonly runner: string
  readonly jobPool: number
  readonly clusterPool: number
}

/**
 * A runner would push the cluster past its connection budget, so it refuses
 * to start; the message shows the arithmetic and what to change.
 */
export class BudgetExceeded extends Data.TaggedError("BudgetExceeded")<{
  readonly budget: number
  readonly budgetSource: string
  readonly registered: ReadonlyArray<RunnerConnections>
  readonly runner: RunnerConnections
}> {
  override get message(): string {
    const held = this.registered.reduce((sum, r) => sum + r.jobPool + r.clusterPool, 0)
    const mine = this.runner.jobPool + this.runner.clusterPool
    const others = this.registered.length === 0
      ? "no runner registered (0)"
      : `${this.registered.length} runner(s) registered: ${
        this.registered.map((r) => `${r.runner} ${r.jobPool} job + ${r.clusterPool} cluster`).join(", ")
      } (${held})`
    return `runner ${this.runner.runner} would pass the cluster's connection budget: ${others} + this runner ` +
      `${this.runner.jobPool} job + ${this.runner.clusterPool} cluster (${mine}) + ${clientConnections} for the ` +
      `client = ${held + mine + clientConnections} > budget ${this.budget} (${this.budgetSource}). Lower --pool or ` +
      `--cluster-pool, stop a runner, or raise --budget.`
  }
}

/**
 * The budget when none is declared: the account's `max_user_connections` if
 * it has one, else the server's `max_connections`.
 */
export const serverBudget: Effect.Effect<
  { readonly budget: number; readonly source: string },
  SqlError,
  SqlClient.SqlClient
> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const [row] = yield* sql<{ user: unknown; server: unknown }>`
      SELECT @@max_user_connections AS user, @@max_connections AS server`
  const user = Number(row?.user ?? 0)
  return user > 0
    ? { budget: user, source: "the account's max_user_connections" }
    : { budget: Number(row?.server ?? 151), source: "the server's max_connections" }
})

/**
 * Registers `runner` within `budget` (or refuses with {@link BudgetExceeded}),
 * and drops the registration when the scope closes ({@link keepRegistrationFresh}
 * keeps it fresh meanwhile). Registering is serialised by a named lock, so two runners
 * starting together cannot both take the last connections. Named locks are
 * the server's, not the database's, so the lock carries the cluster's
 * per-database `prefix` (`clusterPrefix`, layerRunner.ts): clusters on one
 * server never wait on each other.
 */
export const registerRunner = (
  runner: RunnerConnections,
  budget: { readonly budget: number; readonly source: string },
  prefix: string,
) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const staleSeconds = Duration.toSeconds(defaults.budgetStaleAfter)
    const lockName = `poolwise_${prefix}_budget`
    const register = Effect.gen(function* () {
      yield* sql`SELECT GET_LOCK(${lockName}, 30)`
      yield* sql`DELETE FROM runner_budget
                 WHERE runner = ${runner.runner} OR seen_at < NOW(3) - INTERVAL ${staleSeconds} SECOND`
      const rows = yield* sql<{ runner: string; job_pool: unknown; cluster_pool: unknown }>`
        SELECT runner, job_pool, cluster_pool FROM runner_budget ORDER BY runner`
      const registered = rows.map((r) => ({
        runner: r.runner,
        jobPool: Number(r.job_pool),
        clusterPool: Number(r.cluster_pool),
      }))
      const total = registered.reduce((sum, r) => sum + r.jobPool + r.clusterPool, 0) + runner.jobPool +
        runner.clusterPool + clientConnections
      if (total > budget.budget) {
        return yield* new BudgetExceeded({ budget: budget.budget, budgetSource: budget.source, registered, runner })
      }
      yield* sql`INSERT INTO runner_budget (runner, job_pool, cluster_pool, seen_at)
                 VALUES (${runner.runner}, ${runner.jobPool}, ${runner.clusterPool}, NOW(3))`
    }).pipe(
      // One connection for the lock and the statements under it; the lock is a session's, so release it by hand.
      Effect.ensuring(Effect.ignore(sql`SELECT RELEASE_LOCK(${lockName})`)),
      sql.withTransaction,
    )
    yield* register
    yield* Effect.addFinalizer(() => Effect.ignore(sql`DELETE FROM runner_budget WHERE runner = ${runner.runner}`))
  })

/**
 * Keeps `runner`'s registration fresh every 2 s over the `SqlClient` in
 * context, forever: the runner's liveness as the client reads it. A runner
 * runs it on its job pool, not on the cluster storage's one shared connection,
 * which can wait up to the server's lock wait (50 s by default) behind a row a
 * stuck runner's open transaction holds: a heartbeat queued there would make
 * healthy runners look dead. An upsert: a runner paused past the stale limit
 * (and dropped by another's start) counts again.
 */
export const keepRegistrationFresh = (runner: RunnerConnections) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.repeat(
      sql`INSERT INTO runner_budget (runner, job_pool, cluster_pool, seen_at)
          VALUES (${runner.runner}, ${runner.jobPool}, ${runner.clusterPool}, NOW(3))
          ON DUPLICATE KEY UPDATE seen_at = NOW(3)`.pipe(
        Effect.catchAll((error) => Effect.logWarning(`could not refresh the budget registration: ${error.message}`)),
      ),
      Schedule.spaced(Duration.seconds(2)),
    ))
