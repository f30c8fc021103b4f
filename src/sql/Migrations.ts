/**
 * The schema, as `@effect/sql` migrations kept in `src/sql/migrations/`.
 *
 * We build the runner with `Migrator.make({})` rather than
 * `MysqlMigrator.run`: the latter only adds a `mysqldump` schema dump, and for
 * that it requires `FileSystem`, `Path` and `CommandExecutor` in every caller's
 * context even when no `schemaDirectory` is set.
 *
 * @since 0.1.0
 */
import * as Migrator from "@effect/sql/Migrator"
import type { SqlClient } from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { type Effect, Layer } from "effect"
import createProducts from "./migrations/0001_create_products.ts"
import createSyncRuns from "./migrations/0002_create_sync_runs.ts"
import createClusterTables from "./migrations/0003_create_cluster_tables.ts"

/**
 * Every migration, by `<id>_<name>`.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrations: Migrator.Loader = Migrator.fromRecord({
  "0001_create_products": createProducts,
  "0002_create_sync_runs": createSyncRuns,
  "0003_create_cluster_tables": createClusterTables,
})

/**
 * Runs the migrations not yet applied (tracked in `effect_sql_migrations`) and
 * returns the ones it ran. Safe to run on every start.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { runMigrations } from "poolwise/sql"
 *
 * const program = Effect.tap(runMigrations, (ran) => Effect.log(`ran ${ran.length} migrations`))
 * ```
 *
 * @since 0.1.0
 * @category migrations
 */
export const runMigrations: Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  Migrator.MigrationError | SqlError,
  SqlClient
> = Migrator.make({})({ loader: migrations })

/**
 * {@link runMigrations} as a layer, to build before the repository.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { layerMigrations } from "poolwise/sql"
 * import { ProductRepository } from "poolwise/sync"
 *
 * const Repository = ProductRepository.layerSql.pipe(Layer.provideMerge(layerMigrations))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMigrations: Layer.Layer<never, Migrator.MigrationError | SqlError, SqlClient> = Layer
  .effectDiscard(runMigrations)
