/**
 * `sync_runs`: one row per run of the sync job, so an interrupted run can be
 * resumed. Each product the run updates carries its id in
 * `products.sync_run_id`; a run whose `completed_at` is still NULL did not
 * update every product it was asked for.
 *
 * @internal
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql`
    CREATE TABLE sync_runs (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      products BIGINT NOT NULL,
      started_at DATETIME(3) NOT NULL,
      completed_at DATETIME(3) NULL,
      KEY sync_runs_incomplete (completed_at, started_at)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
  `.pipe(Effect.asVoid))
