/**
 * The kit's schema (`products`, `sync_runs` and the cluster's tables), as
 * `@effect/sql` migrations tracked in `effect_sql_migrations`.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sql/migrations.ts"

/**
 * Runs the migrations not yet applied, then waits until every table and
 * column they create answers. Safe to run on every start: processes that
 * start together on a fresh database race to migrate it, and `@effect/sql`'s
 * Migrator lets the losers return while the winner is still creating the
 * tables, so they wait here (up to a minute) until the schema is there.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { layerMysql, migrate } from "poolwise/sql"
 *
 * const program = migrate.pipe(Effect.provide(layerMysql({ poolSize: 1 })))
 * ```
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrate: typeof internal.migrate = internal.migrate

/**
 * {@link migrate} as a layer, to build before the product store.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { layerMigrations, layerMysql } from "poolwise/sql"
 * import { ProductRepository } from "poolwise/sync"
 *
 * const Store = ProductRepository.layerSql().pipe(
 *   Layer.provide(layerMigrations),
 *   Layer.provide(layerMysql({ poolSize: 5 }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMigrations: typeof internal.layerMigrations = internal.layerMigrations
