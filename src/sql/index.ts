/**
 * `poolwise/sql`: connecting to MySQL/MariaDB with a bounded pool (from a URL,
 * an endpoint or `MYSQL_*` config, the password `Redacted`), the driver's
 * failures classified, and the schema as migrations.
 *
 * @since 0.1.0
 */
export { describeEndpoint, DatabaseUrlError, type MysqlEndpoint, parseDatabaseUrl, redactUrl } from "./DatabaseUrl.ts"
export { DatabaseConnectionError, layerMysql, type MysqlOptions } from "./layerMysql.ts"
export { layerMigrations, migrate } from "./migrate.ts"
export { type MysqlFailureKind, mysqlFailureKind } from "./mysqlFailureKind.ts"
