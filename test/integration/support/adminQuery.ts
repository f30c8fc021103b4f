/**
 * One shape for "run this statement as admin" over any server the tests use:
 * the shared one (harness.ts's admin connection) or a private one
 * (privateMariadb.ts), so the fault helpers work on both.
 */
import type mysql from "mysql2/promise"

/** Runs one statement with `?` parameters and returns its rows (or its result header). */
export type AdminQuery = (sql: string, values?: ReadonlyArray<unknown>) => Promise<Array<Record<string, unknown>>>

/** An {@link AdminQuery} on an open connection. */
export const queryOn = (connection: mysql.Connection): AdminQuery => async (sql, values = []) => {
  const [rows] = await connection.query(sql, [...values] as mysql.QueryValues)
  return rows as Array<Record<string, unknown>>
}
