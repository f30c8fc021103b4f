/**
 * `poolwise/sql`: connecting to MySQL/MariaDB with a bounded pool (from a URL
 * or `MYSQL_*` config, the password `Redacted`), the driver's errors
 * classified, and the schema as migrations.
 *
 * @since 0.1.0
 */
export * from "./DatabaseUrl.ts"
export * from "./MysqlError.ts"
export * from "./MysqlLayer.ts"
export * from "./MysqlConfig.ts"
export * from "./Migrations.ts"
