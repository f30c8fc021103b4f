/**
 * The `products` table the sync job updates. `synced_at` stays NULL until a
 * sync writes the row; `sync_run_id` names the run that wrote it (see 0002).
 *
 * @internal
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql`
    CREATE TABLE products (
      id BIGINT NOT NULL PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      stock INT NOT NULL DEFAULT 0,
      discontinued BOOLEAN NOT NULL DEFAULT FALSE,
      synced_at DATETIME(3) NULL,
      sync_run_id VARCHAR(64) NULL
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
  `.pipe(Effect.asVoid))
