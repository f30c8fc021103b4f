/**
 * Fencing a runner that stalled. The runners hold their shards with leases
 * in a table (`<prefix>_locks`, @effect/cluster's `shardLockDisableAdvisory`):
 * a lease not refreshed within `shardLockExpiration` may be taken by another
 * runner, whatever became of its holder. MySQL's advisory locks (`GET_LOCK`)
 * would belong to the holder's connection instead, and a frozen process keeps
 * its connections open: its shards, and its pages, would never move.
 *
 * A runner that comes back after its lease lapsed still runs the pages it had
 * started. Their writes are no-ops (every write is conditional on the run's
 * id), and a page checks its lease before it records its start and again
 * before it answers: a page whose shard another runner now holds records
 * nothing and never answers (the cluster interrupts it once the runner sees
 * its shard gone). A runner whose event loop stood still longer than the
 * lease says so when it runs again.
 *
 * @internal
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Clock, Context, Duration, Effect, Layer, Schedule } from "effect"

/**
 * A page's lease as the database sees it: `held` with at least the margin
 * left, `short` (still this runner's, waiting for its next refresh), or `lost`
 * (another runner holds the shard, or nobody does).
 */
export type LeaseState = "held" | "short" | "lost"

/** Reads the shard leases of the cluster's lock table. */
export class ShardLeases extends Context.Tag("poolwise/ShardLeases")<ShardLeases, {
  readonly state: (shard: string, runner: string) => Effect.Effect<LeaseState, SqlError>
}>() {}

/** How a runner holds its leases: the cluster's lock table and its timings. */
export interface LeaseSettings {
  /** The cluster's table prefix (`clusterPrefix`): the leases are in `<prefix>_locks`. */
  readonly prefix: string
  /** `shardLockExpiration`: a lease not refreshed for this long may be taken by another runner. */
  readonly expiration: Duration.DurationInput
  /** `shardLockRefreshInterval`: how often the holder refreshes it. */
  readonly refreshInterval: Duration.DurationInput
}

/**
 * The leases over the `SqlClient` in context. A page goes on only with at
 * least one refresh interval of lease left (read by the database's clock, the
 * one the leases are written with), so its answer is sent before the lease can
 * lapse unless the runner stalls again in that very moment.
 */
export const layerShardLeasesSql = (settings: LeaseSettings) =>
  Layer.effect(
    ShardLeases,
    Effect.map(SqlClient.SqlClient, (sql) => {
      const table = sql(`${settings.prefix}_locks`)
      const expiration = Math.ceil(Duration.toSeconds(settings.expiration))
      const fresh = Math.max(0, expiration - Math.ceil(Duration.toSeconds(settings.refreshInterval)))
      return ShardLeases.of({
        state: (shard, runner) =>
          sql<{ address: string; fresh: unknown }>`
            SELECT address, acquired_at >= NOW() - INTERVAL ${fresh} SECOND AS fresh
            FROM ${table} WHERE shard_id = ${shard}`.pipe(
            Effect.map(([row]): LeaseState =>
              row === undefined || row.address !== runner ? "lost" : Number(row.fresh) === 1 ? "held" : "short"
            ),
          ),
      })
    }),
  )

/**
 * Whether a page may start: false once another runner holds its shard (or
 * nobody does). Read once and never waited on: a lease due for its refresh, or
 * a read that fails, lets the page go on, since its end is fenced in the
 * database anyway (`ClusterRuns.endAttempt`). A page refused here answers
 * `superseded` at once, and the coordinator sends it again: it never waits for
 * a lease that may not come back (a runner whose storage recovered at once
 * takes the shard again, and nothing would interrupt the page).
 */
export const mayStart = (options: {
  readonly leases: ShardLeases["Type"]
  readonly shard: string
  readonly runner: string
  readonly what: string
}): Effect.Effect<boolean> =>
  options.leases.state(options.shard, options.runner).pipe(
    Effect.orElseSucceed((): LeaseState => "short"),
    Effect.flatMap((state) =>
      state !== "lost" ? Effect.succeed(true) : Effect.as(
        Effect.logWarning(
          `runner ${options.runner} does not hold its lease on shard ${options.shard} (it stalled, or was cut off ` +
            `from the database, longer than the lease, or its shards are moving): ${options.what} is refused and ` +
            "answered superseded; the coordinator sends the page again",
        ),
        false,
      )
    ),
  )

/**
 * Watches the runner's own event loop: a tick that comes more than `lease`
 * late means the process stood still (SIGSTOP, a long pause, a stalled VM)
 * long enough for its shards to move. It logs so, once per stall; the cluster
 * then finds its shards gone, stops their pages, and the runner takes its
 * share again as a new member.
 */
export const watchStalls = (runner: string, lease: Duration.DurationInput) =>
  Effect.gen(function* () {
    const tick = Duration.millis(500)
    const limit = Duration.toMillis(lease)
    let last = yield* Clock.currentTimeMillis
    return yield* Effect.repeat(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const stalled = now - last - Duration.toMillis(tick)
        last = now
        if (stalled > limit) {
          yield* Effect.logWarning(
            `runner ${runner} stood still for ${(stalled / 1000).toFixed(1)} s, longer than its shard lease ` +
              `(${limit / 1000} s): its shards and pages may have moved to other runners; the results of pages it ` +
              `had started are refused, and it rejoins the cluster`,
          )
        }
      }),
      Schedule.spaced(tick),
    )
  })

/**
 * Frees what a stuck runner holds on the server. A runner frozen or cut off
 * in the middle of a transaction (the cluster's message storage reads with
 * `SELECT … FOR UPDATE`) leaves it open, and its row locks with it, for as
 * long as the server sees the connection alive: hours. The runners that take
 * its shards over would wait on those rows, and give up resetting the
 * messages it had read, which would then wait ten minutes to be read again.
 *
 * So every runner watches the others' heartbeats (`<prefix>_runners`). Two
 * refreshes late (before the lease lapses and the new owners start reading
 * the rows the stuck runner may hold; their reads would also hold this
 * runner's only free storage connection), it notes the shards the late runner
 * leases and closes the sessions of this account on this database idle for
 * as long or longer (the stuck runner's: a live runner's storage sessions are
 * busy every second, its job pool's idle ones just reconnect), which rolls
 * the transaction back, then marks the unfinished messages of those shards
 * unread, so their new owners read them at once.
 */
export const sweepStaleSessions = (settings: LeaseSettings & { readonly self: string }) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const runners = sql(`${settings.prefix}_runners`)
    const locks = sql(`${settings.prefix}_locks`)
    const expiration = Math.ceil(Duration.toSeconds(settings.expiration))
    const late = Math.max(1, expiration - Math.ceil(Duration.toSeconds(settings.refreshInterval)))
    const seen = new Map<string, { readonly since: number; readonly shards: ReadonlyArray<string> }>()
    const sweep = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const rows = yield* sql<{ address: string; heartbeat: unknown }>`
        SELECT address, CAST(last_heartbeat AS CHAR) AS heartbeat
        FROM ${runners} WHERE last_heartbeat < NOW() - INTERVAL ${late} SECOND AND address <> ${settings.self}`
      const gone: Array<{ address: string; shards: ReadonlyArray<string> }> = []
      for (const row of rows) {
        const key = `${row.address}@${String(row.heartbeat)}`
        let entry = seen.get(key)
        if (entry === undefined) {
          const shards = yield* sql<{ shard_id: string }>`SELECT shard_id FROM ${locks} WHERE address = ${row.address}`
          entry = { since: now, shards: shards.map((r) => r.shard_id) }
          seen.set(key, entry)
        }
        if (now - entry.since <= 3 * expiration * 1000) {
          gone.push({ address: row.address, shards: entry.shards })
        }
      }
      if (gone.length === 0) return
      const idle = yield* sql<{ id: unknown }>`
        SELECT ID AS id FROM information_schema.PROCESSLIST
        WHERE USER = SUBSTRING_INDEX(USER(), '@', 1) AND DB = DATABASE() AND COMMAND = 'Sleep'
          AND TIME >= ${late} AND ID <> CONNECTION_ID()`
      let closed = 0
      for (const { id } of idle) {
        const killed = yield* Effect.either(sql.unsafe(`KILL CONNECTION ${Number(id)}`))
        if (killed._tag === "Right") closed++
      }
      if (closed === 0) return
      const shards = gone.flatMap((runner) => runner.shards)
      if (shards.length > 0) {
        yield* sql`UPDATE cluster_messages SET last_read = NULL
                   WHERE processed = FALSE AND last_read IS NOT NULL AND shard_id IN ${sql.in(shards)}`
      }
      yield* Effect.logWarning(
        `runner(s) ${gone.map((r) => r.address).join(", ")} stopped renewing their leases: closed ${closed} ` +
          `database session(s) of this account idle for ${late} s or more (a stuck runner's open transaction ` +
          `holds rows), and marked the unfinished messages of its ${shards.length} shard(s) unread`,
      )
    }).pipe(Effect.catchAll((error) => Effect.logDebug(`could not look for stale runners: ${error.message}`)))
    return yield* Effect.repeat(sweep, Schedule.spaced(Duration.seconds(1)))
  })
