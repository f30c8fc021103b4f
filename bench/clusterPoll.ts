/**
 * The cluster client's progress poll (every 100 ms while a run goes on): its
 * cost at 80 pages (2,000 products) and 40,000 pages (1,000,000 products in
 * pages of 25). No runner runs: the bookkeeping's rows are inserted directly
 * (one ended attempt per page, the run's counters set to match), then the
 * poll is timed as the client runs it (`ClusterRuns.progress`, one row read
 * from `sync_runs`) beside the GROUP BY over the run's attempts it replaced
 * (issue 21), on the same connection.
 *
 * Its own database, `poolwise_bench_poll_<pid>`, dropped at the end.
 */
import { SqlClient } from "@effect/sql"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import mysql from "mysql2/promise"
import { ClusterRuns } from "poolwise/cluster"
import { layerMysql, migrate } from "poolwise/sql"
import { median, round } from "./lib/stats.ts"

const serverUrl = new URL(process.env["POOLWISE_BENCH_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306")
const pageSize = 25

/** The poll before issue 21: every ended attempt of the run, grouped by page. */
const groupByPoll = (runId: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql`
      SELECT COUNT(*) AS pages, SUM(u) AS updated, SUM(f) AS failed FROM (
        SELECT MAX(updated) AS u, MAX(failed) AS f FROM sync_page_attempts
        WHERE run_id = ${runId} AND ended_at IS NOT NULL GROUP BY page) AS done`)

export const clusterPoll = async (quick: boolean, log: (line: string) => void) => {
  const sizes = [80, 40_000]
  const polls = quick ? 20 : 100
  const database = `poolwise_bench_poll_${process.pid}`
  const admin = await mysql.createConnection({
    host: serverUrl.hostname,
    port: Number(serverUrl.port || 3306),
    user: decodeURIComponent(serverUrl.username || "root"),
    password: decodeURIComponent(serverUrl.password),
    connectTimeout: 2_000,
  })
  const url = new URL(serverUrl.href)
  url.pathname = `/${database}`
  const runtime = ManagedRuntime.make(
    Layer.provideMerge(ClusterRuns.layerSql, layerMysql({ url: Redacted.make(url.href), poolSize: 1 })),
  )
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``)
    await admin.query(`CREATE DATABASE \`${database}\``)
    await runtime.runPromise(migrate)
    const bySize: Record<string, { readonly groupByMs: number; readonly counterMs: number; readonly ratio: number }> =
      {}
    for (const pages of sizes) {
      const runId = `poll-${pages}`
      await admin.query(
        `INSERT INTO \`${database}\`.sync_runs (id, products, started_at, pages, page_size, pages_done, updated_count)
         VALUES (?, ?, NOW(3), ?, ?, ?, ?)`,
        [runId, pages * pageSize, pages, pageSize, pages, pages * pageSize],
      )
      for (let from = 1; from <= pages; from += 5_000) {
        const rows = Array.from(
          { length: Math.min(5_000, pages - from + 1) },
          (_, i) => [runId, from + i, "127.0.0.1:34431", pageSize, 0],
        )
        await admin.query(
          `INSERT INTO \`${database}\`.sync_page_attempts (run_id, page, runner, started_at, ended_at, updated, failed)
           VALUES ${rows.map(() => "(?, ?, ?, NOW(3), NOW(3), ?, ?)").join(", ")}`,
          rows.flat(),
        )
      }
      await admin.query(`ANALYZE TABLE \`${database}\`.sync_page_attempts`)
      const timed = async (poll: Effect.Effect<unknown, unknown, ClusterRuns | SqlClient.SqlClient>) => {
        for (let i = 0; i < 3; i++) await runtime.runPromise(poll)
        const ms: Array<number> = []
        for (let i = 0; i < polls; i++) {
          const started = performance.now()
          await runtime.runPromise(poll)
          ms.push(performance.now() - started)
        }
        return median(ms)
      }
      const progress = await runtime.runPromise(Effect.flatMap(ClusterRuns, (runs) => runs.progress(runId)))
      if (progress.pagesDone !== pages || progress.updated !== pages * pageSize) {
        throw new Error(`the counters read ${JSON.stringify(progress)} for ${pages} pages`)
      }
      const groupByMs = await timed(groupByPoll(runId))
      const counterMs = await timed(Effect.flatMap(ClusterRuns, (runs) => runs.progress(runId)))
      bySize[String(pages)] = {
        groupByMs: round(groupByMs, 3),
        counterMs: round(counterMs, 3),
        ratio: round(groupByMs / counterMs, 1),
      }
      log(`poll at ${pages} pages: GROUP BY ${round(groupByMs, 3)} ms, counter ${round(counterMs, 3)} ms`)
    }
    return { pageSize, polls, pages: bySize }
  } finally {
    await runtime.dispose().catch(() => undefined)
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined)
    await admin.end().catch(() => undefined)
  }
}
