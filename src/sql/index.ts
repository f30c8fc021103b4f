/**
 * The SQL layer: connecting to MySQL/MariaDB with a bounded pool, and the schema.
 *
 * @since 0.1.0
 */
export * from "./DatabaseUrl.ts"
export * from "./MysqlError.ts"
export * from "./MysqlLayer.ts"
export * from "./Migrations.ts"
