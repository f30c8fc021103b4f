/**
 * The schema, as `@effect/sql` migrations kept in `migrations/` beside this
 * module (documented in src/sql/migrate.ts).
 *
 * We build the runner with `Migrator.make({})` rather than
 * `MysqlMigrator.run`: the latter only adds a `mysqldump` schema dump, and for
 * that it requires `FileSystem`, `Path` and `CommandExecutor` in every caller's
 * context even when no `schemaDirectory` is set.
 *
 * @internal
 */
import * as Migrator from "@effect/sql/Migrator"
import type { SqlClient } from "@effect/sql/SqlClient"
import * as Client from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Duration, Effect, Layer, Schedule } from "effect"
import { mysqlErrorInfo } from "./mysqlError.ts"
import createProducts from "./migrations/0001_create_products.ts"
import createSyncRuns from "./migrations/0002_create_sync_runs.ts"
import createClusterTables from "./migrations/0003_create_cluster_tables.ts"
import addRunCounters from "./migrations/0004_add_run_counters.ts"

/**
 * Every migration, by `<id>_<name>`.
 */
export const migrations: Migrator.Loader = Migrator.fromRecord({
  "0001_create_products": createProducts,
  "0002_create_sync_runs": createSyncRuns,
  "0003_create_cluster_tables": createClusterTables,
  "0004_add_run_counters": addRunCounters,
})

/**
 * Runs the migrations not yet applied (tracked in `effect_sql_migrations`) and
 * returns the ones it ran. Safe to run on every start.
 */
export const runMigrations: Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  Migrator.MigrationError | SqlError,
  SqlClient
> = Migrator.make({})({ loader: migrations })

/**
 * Succeeds once every table and column the migrations create answers.
 */
export const schemaReady: Effect.Effect<void, SqlError, SqlClient> = Effect.flatMap(
  Client.SqlClient,
  (sql) =>
    Effect.all([
      sql`SELECT id, name, stock, discontinued, synced_at, sync_run_id FROM products LIMIT 0`,
      sql`SELECT id, products, started_at, completed_at, pages, page_size, stop_requested, report,
        pages_done, updated_count, failed_count, round FROM sync_runs LIMIT 0`,
      sql`SELECT id, run_id, page, runner, started_at, ended_at, updated, failed FROM sync_page_attempts LIMIT 0`,
      sql`SELECT run_id, page, salt FROM sync_page_placements LIMIT 0`,
      sql`SELECT runner, job_pool, cluster_pool, seen_at FROM runner_budget LIMIT 0`,
    ], { discard: true }),
)

// 1146: no such table; 1054: no such column.
const schemaMissing = (error: SqlError) => [1146, 1054].includes(mysqlErrorInfo(error).errno ?? 0)

/**
 * {@link runMigrations}, then the schema waited for. Processes that start
 * together on a fresh database race to migrate it, and `@effect/sql`'s
 * Migrator lets the losers return at once, while the winner is still creating
 * the tables: they wait here (up to a minute) until the schema answers.
 */
export const migrate: Effect.Effect<void, Migrator.MigrationError | SqlError, SqlClient> = Effect.zipRight(
  runMigrations,
  Effect.retry(schemaReady, { schedule: Schedule.spaced(Duration.millis(250)), times: 240, while: schemaMissing }),
)

/**
 * {@link migrate} as a layer, to build before the repository.
 */
export const layerMigrations: Layer.Layer<never, Migrator.MigrationError | SqlError, SqlClient> = Layer
  .effectDiscard(migrate)
