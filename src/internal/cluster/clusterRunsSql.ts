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
  pending: sql<{ id: string; products: unknown; pages: unknown; page_size: unknown }>`
    SELECT id, products, pages, page_size FROM sync_runs
    WHERE pages IS NOT NULL AND report IS NULL ORDER BY started_at`.pipe(
    Effect.map((rows) =>
      rows.map((r): ClusterRun => ({
        id: r.id,
        products: count(r.products),
        pages: count(r.pages),
        pageSize: count(r.page_size),
      }))
    ),
  ),
  placePage: (runId: string, page: number, salt: number) =>
    sql`INSERT IGNORE INTO sync_page_placements (run_id, page, salt) VALUES (${runId}, ${page}, ${salt})`.pipe(
      Effect.zipRight(
        sql<{ salt: unknown }>`SELECT salt FROM sync_page_placements WHERE run_id = ${runId} AND page = ${page}`,
      ),
      Effect.map(([row]) => row === undefined ? salt : count(row.salt)),
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
    SELECT id FROM sync_runs WHERE pages IS NOT NULL AND report IS NULL AND stop_requested`.pipe(
    Effect.map((rows) => rows.map((r) => r.id)),
  ),
  startAttempt: (runId: string, page: number, runner: string) =>
    sql`INSERT INTO sync_page_attempts (run_id, page, runner, started_at)
        VALUES (${runId}, ${page}, ${runner}, NOW(3))`.raw.pipe(
      Effect.map((result) => count((result as { insertId?: unknown }).insertId)),
    ),
  endAttempt: (attempt: number, updated: number, failed: number) =>
    sql`UPDATE sync_page_attempts SET ended_at = NOW(3), updated = ${updated}, failed = ${failed}
        WHERE id = ${attempt}`.pipe(Effect.asVoid),
  // O(attempts of the run) per call: the client polls it every 250 ms (issue 21 makes it a counter).
  progress: (runId: string) =>
    sql<{ pages: unknown; updated: unknown; failed: unknown }>`
      SELECT COUNT(*) AS pages, SUM(u) AS updated, SUM(f) AS failed FROM (
        SELECT MAX(updated) AS u, MAX(failed) AS f FROM sync_page_attempts
        WHERE run_id = ${runId} AND ended_at IS NOT NULL GROUP BY page) AS done`.pipe(
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
  reportOf: (runId: string) =>
    sql<{ report: string | null }>`SELECT report FROM sync_runs WHERE id = ${runId}`.pipe(
      Effect.flatMap(([row]) =>
        row?.report == null ? Effect.succeedNone : Effect.map(decodeStoredReport(row.report), Option.some)
      ),
    ),
  liveRunners: sql<{ n: unknown }>`
    SELECT COUNT(*) AS n FROM runner_budget
    WHERE seen_at >= NOW(3) - INTERVAL ${Duration.toSeconds(defaults.budgetStaleAfter)} SECOND`.pipe(
    Effect.map(([row]) => count(row?.n)),
  ),
}))
