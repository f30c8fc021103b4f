/**
 * What a cluster run keeps so that its bookkeeping stays O(1) per read
 * (issue 21), added beside migration 0003 (nothing is dropped or renamed):
 *
 * - `sync_runs.pages_done` / `updated_count` / `failed_count`: the run's
 *   progress, moved by each page attempt that ends (the latest ended attempt
 *   of a page counts, once), so the client's poll reads one row whatever the
 *   number of pages;
 * - `sync_runs.round`: 0 for a run as submitted, 1, 2, … each time
 *   `sync --cluster --resume` sends it again; a round's pages get entity ids
 *   (salts) no earlier round used, so they run instead of joining old answers.
 *
 * @internal
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql`
    ALTER TABLE sync_runs
      ADD COLUMN pages_done INT NOT NULL DEFAULT 0,
      ADD COLUMN updated_count BIGINT NOT NULL DEFAULT 0,
      ADD COLUMN failed_count BIGINT NOT NULL DEFAULT 0,
      ADD COLUMN round INT NOT NULL DEFAULT 0
  `.pipe(Effect.asVoid))
