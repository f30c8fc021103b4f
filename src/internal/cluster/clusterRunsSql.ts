/**
 * `ClusterRuns` over the `SqlClient` in context (MySQL/MariaDB), on the
 * tables of migration 0003: `sync_runs`, `sync_page_placements`,
 * `sync_page_attempts`, `runner_budget`.
 *
 * @internal
 */
import { SqlClient } from "@effect/sql"
import { Duration, Effect, Option, Schema } from "effect"
import * as defaults from "../defaults.ts"
import { retriedByDefault } from "../sync/retry.ts"
import { SyncReport } from "../sync/SyncReport.ts"
import type { ClusterRun } from "./records.ts"

/**
 * The JSON text of a stored report, decoded: another process wrote it, so a
 * malformed one is a `ParseError` naming the field, not a report with holes.
 */
export const decodeStoredReport = Schema.decodeUnknown(Schema.parseJson(SyncReport))

/** MySQL returns counts and sums as numbers, strings (DECIMAL) or null (SUM of nothing). */
const count = (value: unknown) => Number(value ?? 0)

/** Makes the SQL bookkeeping; its shape is checked against `ClusterRunsService` where the layer is built. */
export const makeClusterRunsSql = Effect.map(SqlClient.SqlClient, (sql) => ({
  submit: (run: ClusterRun, at: Date) =>
    sql`INSERT INTO sync_runs (id, products, started_at, pages, page_size)
        VALUES (${run.id}, ${run.products}, ${at}, ${run.pages}, ${run.pageSize})`.pipe(Effect.asVoid),
  // `completed_at IS NULL` adds nothing (a run with no report is not complete) but lets the index on
  // (completed_at, started_at) find the open runs: polled several times a second, the query reads the runs still
  // open, not every run the database ever recorded.
  pending: sql<{ id: string; products: unknown; pages: unknown; page_size: unknown; round: unknown }>`
    SELECT id, products, pages, page_size, round FROM sync_runs
    WHERE completed_at IS NULL AND pages IS NOT NULL AND report IS NULL ORDER BY started_at`.pipe(
    Effect.map((rows) =>
      rows.map((r): ClusterRun => ({
        id: r.id,
        products: count(r.products),
        pages: count(r.pages),
        pageSize: count(r.page_size),
        round: count(r.round),
      }))
    ),
  ),
  // One statement when the page had no salt (the usual case): the salt is read back only when one was there.
  placePage: (runId: string, page: number, salt: number) =>
    sql`INSERT IGNORE INTO sync_page_placements (run_id, page, salt) VALUES (${runId}, ${page}, ${salt})`.raw.pipe(
      Effect.flatMap((result) =>
        count((result as { affectedRows?: unknown }).affectedRows) > 0 ? Effect.succeed(salt) : Effect.map(
          sql<{ salt: unknown }>`SELECT salt FROM sync_page_placements WHERE run_id = ${runId} AND page = ${page}`,
          ([row]) => row === undefined ? salt : count(row.salt),
        )
      ),
    ),
  replacePage: (runId: string, page: number, from: number, to: number) =>
    sql`UPDATE sync_page_placements SET salt = ${to} WHERE run_id = ${runId} AND page = ${page} AND salt = ${from}`
      .pipe(
        Effect.zipRight(
          sql<{ salt: unknown }>`SELECT salt FROM sync_page_placements WHERE run_id = ${runId} AND page = ${page}`,
        ),
        Effect.map(([row]) => row === undefined ? to : count(row.salt)),
      ),
  placedPages: (runId: string) =>
    sql<{ page: unknown; salt: unknown }>`
      SELECT page, salt FROM sync_page_placements WHERE run_id = ${runId} ORDER BY page`.pipe(
      Effect.map((rows) => rows.map((r) => ({ page: count(r.page), salt: count(r.salt) }))),
    ),
  requestStop: (runId: string) =>
    sql`UPDATE sync_runs SET stop_requested = TRUE WHERE id = ${runId}`.pipe(Effect.asVoid),
  stopRequested: sql<{ id: string }>`
    SELECT id FROM sync_runs
    WHERE completed_at IS NULL AND pages IS NOT NULL AND report IS NULL AND stop_requested`.pipe(
    Effect.map((rows) => rows.map((r) => r.id)),
  ),
  startAttempt: (runId: string, page: number, runner: string) =>
    sql`INSERT INTO sync_page_attempts (run_id, page, runner, started_at)
        VALUES (${runId}, ${page}, ${runner}, NOW(3))`.raw.pipe(
      Effect.map((result) => count((result as { insertId?: unknown }).insertId)),
    ),
  // ONE statement, the fence and the end and the counters: the attempt ends only while no later attempt of its page
  // exists (a derived table, materialised by its LIMIT: MySQL cannot read the UPDATE's own table in its WHERE), and
  // the run's counters move by what this attempt counts less what the page's last ended attempt counted. A separate
  // check would let a runner frozen between it and the end pass the fence; a transaction would hold the run's row
  // locked across a runner's stall and stop every runner's bookkeeping behind it. Only the page's latest attempt
  // can end, so its last ended one does not move meanwhile. Idempotent: an attempt already ended (a retry after a
  // lost reply) changes nothing and is reported recorded. So it retries itself, whole (the only retry around it):
  // every page's end moves the run's one counter row, ends at once can deadlock, and a deadlocked statement is
  // rolled back whole, so it is sent again (the retry policy's contention rule).
  // Given `of`, no read first: an attempt already ended matches no row of the UPDATE, and the read after it says so.
  endAttempt: (attempt: number, updated: number, failed: number, of?: { runId: string; page: number }) =>
    retriedByDefault(Effect.gen(function* () {
      const [ending] = of === undefined
        ? yield* sql<{ run_id: string; page: unknown; ended_at: Date | null }>`
          SELECT run_id, page, ended_at FROM sync_page_attempts WHERE id = ${attempt}`
        : [{ run_id: of.runId, page: of.page, ended_at: null }]
      if (ending === undefined || ending.ended_at !== null) return true
      const page = count(ending.page)
      const ended = yield* sql`
        UPDATE sync_page_attempts a
          JOIN sync_runs r ON r.id = a.run_id
          LEFT JOIN (
            SELECT updated, failed FROM sync_page_attempts
            WHERE run_id = ${ending.run_id} AND page = ${page} AND ended_at IS NOT NULL AND id <> ${attempt}
            ORDER BY ended_at DESC, id DESC LIMIT 1) b ON TRUE
        SET a.ended_at = NOW(3), a.updated = ${updated}, a.failed = ${failed},
          r.pages_done = r.pages_done + (b.updated IS NULL),
          r.updated_count = r.updated_count + ${updated} - COALESCE(b.updated, 0),
          r.failed_count = r.failed_count + ${failed} - COALESCE(b.failed, 0)
        WHERE a.id = ${attempt} AND a.ended_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM (
            SELECT id FROM sync_page_attempts WHERE run_id = ${ending.run_id} AND page = ${page} AND id > ${attempt}
            LIMIT 1) AS later)`.raw
      if (count((ended as { affectedRows?: unknown }).affectedRows) > 0) return true
      const [row] = yield* sql<{ ended_at: Date | null }>`SELECT ended_at FROM sync_page_attempts WHERE id = ${attempt}`
      return row?.ended_at != null
    })),
  // One row by its primary key: O(1) whatever the number of pages (the counters endAttempt moves).
  progress: (runId: string) =>
    sql<{ pages: unknown; updated: unknown; failed: unknown }>`
      SELECT pages_done AS pages, updated_count AS updated, failed_count AS failed FROM sync_runs
      WHERE id = ${runId}`.pipe(
      Effect.map(([row]) => ({
        pagesDone: count(row?.pages),
        updated: count(row?.updated),
        failed: count(row?.failed),
      })),
    ),
  attempts: (runId: string) =>
    sql<{ page: unknown; runner: string; started_at: Date; ended_at: Date | null; updated: unknown; failed: unknown }>`
      SELECT page, runner, started_at, ended_at, updated, failed FROM sync_page_attempts
      WHERE run_id = ${runId} ORDER BY started_at, id`.pipe(
      Effect.map((rows) =>
        rows.map((r) => ({
          page: count(r.page),
          runner: r.runner,
          startedAt: r.started_at,
          endedAt: r.ended_at,
          updated: r.updated === null ? null : count(r.updated),
          failed: r.failed === null ? null : count(r.failed),
        }))
      ),
    ),
  finish: (runId: string, report: SyncReport) =>
    sql`UPDATE sync_runs SET report = ${JSON.stringify(report)},
          completed_at = ${report.updated === report.products ? new Date() : null}
        WHERE id = ${runId} AND report IS NULL`.pipe(Effect.asVoid),
  resume: (runId: string) =>
    sql.withTransaction(Effect.gen(function* () {
      const [row] = yield* sql<
        {
          products: unknown
          pages: unknown
          page_size: unknown
          report: string | null
          completed_at: Date | null
          round: unknown
        }
      >`SELECT products, pages, page_size, report, completed_at, round FROM sync_runs WHERE id = ${runId} FOR UPDATE`
      if (row === undefined || row.pages === null) return Option.none<ClusterRun>()
      const run: ClusterRun = {
        id: runId,
        products: count(row.products),
        pages: count(row.pages),
        pageSize: count(row.page_size),
        round: count(row.round),
      }
      // Still under way (its coordinator drives it), or complete: followed as it is.
      if (row.report === null || row.completed_at !== null) return Option.some(run)
      yield* sql`UPDATE sync_runs SET report = NULL, stop_requested = FALSE, round = round + 1 WHERE id = ${runId}`
      yield* sql`DELETE FROM sync_page_placements WHERE run_id = ${runId}`
      return Option.some({ ...run, round: (run.round ?? 0) + 1 })
    })),
  reportOf: (runId: string) =>
    sql<{ report: string | null }>`SELECT report FROM sync_runs WHERE id = ${runId}`.pipe(
      Effect.flatMap(([row]) =>
        row?.report == null ? Effect.succeedNone : Effect.map(decodeStoredReport(row.report), Option.some)
      ),
    ),
  // The client's poll: the counters and the report in one row read by its primary key.
  follow: (runId: string) =>
    sql<{ pages: unknown; updated: unknown; failed: unknown; report: string | null }>`
      SELECT pages_done AS pages, updated_count AS updated, failed_count AS failed, report FROM sync_runs
      WHERE id = ${runId}`.pipe(
      Effect.flatMap(([row]) =>
        Effect.map(
          row?.report == null ? Effect.succeedNone : Effect.map(decodeStoredReport(row.report), Option.some),
          (report) => ({
            progress: { pagesDone: count(row?.pages), updated: count(row?.updated), failed: count(row?.failed) },
            report,
          }),
        )
      ),
    ),
  liveRunners: sql<{ n: unknown }>`
    SELECT COUNT(*) AS n FROM runner_budget
    WHERE seen_at >= NOW(3) - INTERVAL ${Duration.toSeconds(defaults.budgetStaleAfter)} SECOND`.pipe(
    Effect.map(([row]) => count(row?.n)),
  ),
}))
