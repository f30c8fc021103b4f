/**
 * The bookkeeping of a sync run split across runners, in the job's own
 * database (migration 0003): the run and its pages, where each page was sent,
 * each page attempt, the stop a client asks for, and the final report. The
 * cluster's own storage (messages, shard locks) is separate.
 *
 * One service, two implementations side by side: `layerSql` (what runners and
 * clients use) and `layerMemory` (tests only).
 *
 * @internal
 */
import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Context, type Effect, Layer, type Option, type ParseResult } from "effect"
import type { SyncReport } from "../sync/SyncReport.ts"
import { makeClusterRunsMemory } from "./clusterRunsMemory.ts"
import { makeClusterRunsSql } from "./clusterRunsSql.ts"
import type { ClusterRun, PageAttempt, RunProgress } from "./records.ts"

/** What the coordinator, the runners' pages and the client read and write about a run. */
export interface ClusterRunsService {
  /** Records a run submitted at `at`; the coordinator picks it up at its next poll. */
  readonly submit: (run: ClusterRun, at: Date) => Effect.Effect<void, SqlError>
  /** Runs submitted to the cluster that have no final report yet. */
  readonly pending: Effect.Effect<ReadonlyArray<ClusterRun>, SqlError>
  /** Records the salt page `page` is sent with, unless it has one; returns the one it has. */
  readonly placePage: (runId: string, page: number, salt: number) => Effect.Effect<number, SqlError>
  /**
   * Records that page `page`, placed with salt `from`, is sent again with
   * `to`, unless another coordinator already moved it on; returns the salt it has.
   */
  readonly replacePage: (runId: string, page: number, from: number, to: number) => Effect.Effect<number, SqlError>
  /** The pages of a run sent so far, with their salts. */
  readonly placedPages: (runId: string) => Effect.Effect<ReadonlyArray<{ page: number; salt: number }>, SqlError>
  /** Marks the run as asked to stop (the client's Ctrl-C); the runners poll for it. */
  readonly requestStop: (runId: string) => Effect.Effect<void, SqlError>
  /** Of the pending runs, those whose client asked them to stop. */
  readonly stopRequested: Effect.Effect<ReadonlyArray<string>, SqlError>
  /** Records that `runner` started `page`; returns the attempt's id. */
  readonly startAttempt: (runId: string, page: number, runner: string) => Effect.Effect<number, SqlError>
  /**
   * Records the attempt's outcome and moves the run's counters (the page's
   * latest ended attempt counts), unless a later attempt of the same page
   * exists: then nothing is recorded and it returns false (the fence: a runner
   * back from a freeze never ends a page another runner took over). The
   * condition and the end are one statement, so no pause can pass between
   * them. True when recorded, or already ended by this attempt (a retry).
   * It retries transient failures itself (the default policy): callers add no retry of their own.
   * `of`, the run and page the attempt was started for, saves reading them back first (a page's handler knows them).
   */
  readonly endAttempt: (
    attempt: number,
    updated: number,
    failed: number,
    of?: { readonly runId: string; readonly page: number },
  ) => Effect.Effect<boolean, SqlError>
  /** The run's counters: one row read, whatever the number of pages or attempts. */
  readonly progress: (runId: string) => Effect.Effect<RunProgress, SqlError>
  /** Every attempt of the run, in the order they started: what ran where (the runner timeline). */
  readonly attempts: (runId: string) => Effect.Effect<ReadonlyArray<PageAttempt>, SqlError>
  /**
   * Makes a run that ended without updating every product pending again, as
   * its next round (new entity ids for its pages; products it wrote are
   * skipped); a run still under way or complete is returned as it is. None:
   * no cluster run has this id.
   */
  readonly resume: (runId: string) => Effect.Effect<Option.Option<ClusterRun>, SqlError>
  /** Stores the final report; the run is also marked complete when every product was updated. */
  readonly finish: (runId: string, report: SyncReport) => Effect.Effect<void, SqlError>
  /** The stored report, decoded (another process wrote it): a malformed one fails with the `ParseError`. */
  readonly reportOf: (runId: string) => Effect.Effect<Option.Option<SyncReport>, SqlError | ParseResult.ParseError>
  /**
   * What a client polls for: the run's counters and its stored report (none
   * yet while the run goes on), in one read.
   */
  readonly follow: (
    runId: string,
  ) => Effect.Effect<
    { readonly progress: RunProgress; readonly report: Option.Option<SyncReport> },
    SqlError | ParseResult.ParseError
  >
  /** Runners registered in the budget and seen lately: 0 means no runner will ever pick a run up. */
  readonly liveRunners: Effect.Effect<number, SqlError>
}

/** The bookkeeping of cluster runs. */
export class ClusterRuns extends Context.Tag("poolwise/ClusterRuns")<ClusterRuns, ClusterRunsService>() {
  /** Over the `SqlClient` in context (MySQL/MariaDB), on the tables of migration 0003. */
  static readonly layerSql: Layer.Layer<ClusterRuns, never, SqlClient.SqlClient> = Layer.effect(
    ClusterRuns,
    makeClusterRunsSql,
  )

  /**
   * Tests only: in memory, nothing persists, and a runner always counts as
   * alive. The in-process tests of the page entity and the coordinator run on it.
   */
  static readonly layerMemory: Layer.Layer<ClusterRuns> = Layer.sync(ClusterRuns, makeClusterRunsMemory)
}
