/**
 * The bookkeeping of a sync run split across runners, in the job's own
 * database (migration 0003): the run and its pages, each page attempt (which
 * runner ran which page, when), the stop a client asks for, and the final
 * report. The cluster's own storage (messages, shard locks) is separate.
 *
 * @since 0.3.0
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Context, Duration, Effect, Layer, Option } from "effect"
import type { SyncReport } from "../sync/SyncReport.ts"
import { makeMemoryRuns } from "./ClusterRunsMemory.ts"
import { budgetStaleAfter } from "./RunnerBudget.ts"

/**
 * A run submitted to the cluster: products 1..products, cut into `pages`
 * pages of `pageSize`.
 *
 * @since 0.3.0
 * @category models
 */
export interface ClusterRun {
  readonly id: string
  readonly products: number
  readonly pages: number
  readonly pageSize: number
}

/**
 * One time a runner took up a page. `endedAt` stays null when the runner died
 * (or was stopped) before the page was done: the page then ran again elsewhere.
 *
 * @since 0.3.0
 * @category models
 */
export interface PageAttempt {
  readonly page: number
  readonly runner: string
  readonly startedAt: Date
  readonly endedAt: Date | null
  readonly updated: number | null
  readonly failed: number | null
}

/**
 * Products settled so far, from the pages that ended (a page that ran twice
 * counts once).
 *
 * @since 0.3.0
 * @category models
 */
export interface RunProgress {
  readonly pagesDone: number
  readonly updated: number
  readonly failed: number
}

/**
 * @since 0.3.0
 * @category services
 */
export class ClusterRuns extends Context.Tag("poolwise/ClusterRuns")<ClusterRuns, {
  readonly submit: (run: ClusterRun, at: Date) => Effect.Effect<void, SqlError>
  /** Runs submitted to the cluster that have no final report yet. */
  readonly pending: Effect.Effect<ReadonlyArray<ClusterRun>, SqlError>
  /** Records the salt page `page` is sent with, unless it has one; returns the one it has. */
  readonly placePage: (runId: string, page: number, salt: number) => Effect.Effect<number, SqlError>
  /** The pages of a run sent so far, with their salts. */
  readonly placedPages: (runId: string) => Effect.Effect<ReadonlyArray<{ page: number; salt: number }>, SqlError>
  readonly requestStop: (runId: string) => Effect.Effect<void, SqlError>
  /** Of the pending runs, those whose client asked them to stop. */
  readonly stopRequested: Effect.Effect<ReadonlyArray<string>, SqlError>
  /** Records that `runner` started `page`; returns the attempt's id. */
  readonly startAttempt: (runId: string, page: number, runner: string) => Effect.Effect<number, SqlError>
  readonly endAttempt: (attempt: number, updated: number, failed: number) => Effect.Effect<void, SqlError>
  readonly progress: (runId: string) => Effect.Effect<RunProgress, SqlError>
  readonly attempts: (runId: string) => Effect.Effect<ReadonlyArray<PageAttempt>, SqlError>
  /** Stores the final report; the run is also marked complete when every product was updated. */
  readonly finish: (runId: string, report: SyncReport) => Effect.Effect<void, SqlError>
  readonly reportOf: (runId: string) => Effect.Effect<Option.Option<SyncReport>, SqlError>
  /** Runners registered in the budget and seen lately: 0 means no runner will ever pick a run up. */
  readonly liveRunners: Effect.Effect<number, SqlError>
}>() {
  /** Over the `SqlClient` in context (MySQL/MariaDB). */
  static readonly layer: Layer.Layer<ClusterRuns, never, SqlClient.SqlClient> = Layer.effect(
    ClusterRuns,
    Effect.map(SqlClient.SqlClient, (sql) => {
      const count = (value: unknown) => Number(value ?? 0)
      return {
        submit: (run, at) =>
          sql`INSERT INTO sync_runs (id, products, started_at, pages, page_size)
              VALUES (${run.id}, ${run.products}, ${at}, ${run.pages}, ${run.pageSize})`.pipe(Effect.asVoid),
        pending: sql<{ id: string; products: number; pages: number; page_size: number }>`
          SELECT id, products, pages, page_size FROM sync_runs
          WHERE pages IS NOT NULL AND report IS NULL ORDER BY started_at`.pipe(
          Effect.map((rows) =>
            rows.map((r) => ({
              id: r.id,
              products: count(r.products),
              pages: count(r.pages),
              pageSize: count(r.page_size),
            }))
          ),
        ),
        placePage: (runId, page, salt) =>
          sql`INSERT IGNORE INTO sync_page_placements (run_id, page, salt) VALUES (${runId}, ${page}, ${salt})`.pipe(
            Effect.zipRight(
              sql<{ salt: unknown }>`SELECT salt FROM sync_page_placements WHERE run_id = ${runId} AND page = ${page}`,
            ),
            Effect.map(([row]) => row === undefined ? salt : count(row.salt)),
          ),
        placedPages: (runId) =>
          sql<{ page: unknown; salt: unknown }>`
            SELECT page, salt FROM sync_page_placements WHERE run_id = ${runId} ORDER BY page`.pipe(
            Effect.map((rows) => rows.map((r) => ({ page: count(r.page), salt: count(r.salt) }))),
          ),
        requestStop: (runId) => sql`UPDATE sync_runs SET stop_requested = TRUE WHERE id = ${runId}`.pipe(Effect.asVoid),
        stopRequested: sql<{ id: string }>`
          SELECT id FROM sync_runs WHERE pages IS NOT NULL AND report IS NULL AND stop_requested`.pipe(
          Effect.map((rows) => rows.map((r) => r.id)),
        ),
        startAttempt: (runId, page, runner) =>
          sql`INSERT INTO sync_page_attempts (run_id, page, runner, started_at)
              VALUES (${runId}, ${page}, ${runner}, NOW(3))`.raw.pipe(
            Effect.map((result) => count((result as { insertId?: unknown }).insertId)),
          ),
        endAttempt: (attempt, updated, failed) =>
          sql`UPDATE sync_page_attempts SET ended_at = NOW(3), updated = ${updated}, failed = ${failed}
              WHERE id = ${attempt}`.pipe(Effect.asVoid),
        progress: (runId) =>
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
        attempts: (runId) =>
          sql<
            { page: number; runner: string; started_at: Date; ended_at: Date | null; updated: unknown; failed: unknown }
          >`
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
        finish: (runId, report) =>
          sql`UPDATE sync_runs SET report = ${JSON.stringify(report)},
                completed_at = ${report.updated === report.products ? new Date() : null}
              WHERE id = ${runId} AND report IS NULL`.pipe(Effect.asVoid),
        reportOf: (runId) =>
          sql<{ report: string | null }>`SELECT report FROM sync_runs WHERE id = ${runId}`.pipe(
            Effect.map(([row]) =>
              row?.report == null ? Option.none() : Option.some(JSON.parse(row.report) as SyncReport)
            ),
          ),
        liveRunners: sql<{ n: unknown }>`
          SELECT COUNT(*) AS n FROM runner_budget
          WHERE seen_at >= NOW(3) - INTERVAL ${Duration.toSeconds(budgetStaleAfter)} SECOND`.pipe(
          Effect.map(([row]) => count(row?.n)),
        ),
      }
    }),
  )

  /** In memory, for tests of the entity and the coordinator in one process (no runner counts as gone). */
  static readonly layerMemory: Layer.Layer<ClusterRuns> = Layer.sync(ClusterRuns, makeMemoryRuns)
}
