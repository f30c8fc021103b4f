/**
 * What a sync split across runner processes (poolwise/cluster) records
 * beside `sync_runs`:
 *
 * - `sync_runs.pages` / `page_size`: a run submitted to the cluster is cut
 *   into pages; `stop_requested` is how its client asks it to stop, and
 *   `report` holds the final report once every page has answered.
 * - `sync_page_attempts`: one row each time a runner starts a page (a page
 *   runs again when its runner dies), with its outcome once it ends: the
 *   progress a client shows and the timeline of which page ran where.
 * - `sync_page_placements`: the salt each page was sent with, so a
 *   coordinator that takes over sends it to the same entity again.
 * - `runner_budget`: the runners alive now and the connections each holds,
 *   so a new runner can refuse to push the total past the budget.
 *
 * @internal
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.all([
    sql`
      ALTER TABLE sync_runs
        ADD COLUMN pages INT NULL,
        ADD COLUMN page_size INT NULL,
        ADD COLUMN stop_requested BOOLEAN NOT NULL DEFAULT FALSE,
        ADD COLUMN report LONGTEXT NULL
    `,
    sql`
      CREATE TABLE sync_page_attempts (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        run_id VARCHAR(64) NOT NULL,
        page INT NOT NULL,
        runner VARCHAR(255) NOT NULL,
        started_at DATETIME(3) NOT NULL,
        ended_at DATETIME(3) NULL,
        updated INT NULL,
        failed INT NULL,
        KEY sync_page_attempts_run (run_id, page)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
    `,
    sql`
      CREATE TABLE sync_page_placements (
        run_id VARCHAR(64) NOT NULL,
        page INT NOT NULL,
        salt INT NOT NULL,
        PRIMARY KEY (run_id, page)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
    `,
    sql`
      CREATE TABLE runner_budget (
        runner VARCHAR(255) NOT NULL PRIMARY KEY,
        job_pool INT NOT NULL,
        cluster_pool INT NOT NULL,
        seen_at DATETIME(3) NOT NULL
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
    `,
  ], { discard: true }))
