/**
 * Test-only triggers on a database's `products` table.
 *
 * - The write audit: an AFTER UPDATE trigger records every row an UPDATE
 *   touches, with the run id it wrote, in the same transaction. A retried
 *   UPDATE that sets the same values still counts (the trigger fires for every
 *   matched row), so "written twice" is seen even when the values agree.
 * - The write gate: a BEFORE UPDATE trigger that holds the writes of products
 *   above an id while the gate is closed (a user lock held by the admin
 *   connection). A crash ends the admin session and opens the gate, so a run
 *   is surely mid-flight when the server dies, however fast the machine is.
 */
import mysql from "mysql2/promise"
import type { AdminQuery } from "./adminQuery.ts"

/** Bounds how long a gated write waits if the test never opens the gate: nothing hangs. */
export const gateTimeoutSeconds = 120

/** Adds `product_writes` and the trigger that fills it. Call after the migrations. */
export const installWriteAudit = async (query: AdminQuery, database: string): Promise<void> => {
  const db = mysql.escapeId(database)
  await query(
    `CREATE TABLE ${db}.product_writes (
       seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
       product_id BIGINT NOT NULL,
       run_id VARCHAR(64) NULL,
       KEY product_writes_run (run_id, product_id)
     ) ENGINE = InnoDB`,
  )
  await query(
    `CREATE TRIGGER ${db}.products_write_audit AFTER UPDATE ON ${db}.products FOR EACH ROW
       INSERT INTO ${db}.product_writes (product_id, run_id) VALUES (NEW.id, NEW.sync_run_id)`,
  )
}

export interface RunWrites {
  /** Rows the run wrote at least once. */
  readonly products: number
  /** UPDATEs of the run that changed or matched a row. */
  readonly writes: number
  /** Products the run wrote more than once, by id. */
  readonly twice: ReadonlyArray<number>
}

/** What the audit saw of one run's writes. */
export const writesOfRun = async (query: AdminQuery, database: string, runId: string): Promise<RunWrites> => {
  const db = mysql.escapeId(database)
  const [totals] = await query(
    `SELECT COUNT(DISTINCT product_id) AS products, COUNT(*) AS writes FROM ${db}.product_writes WHERE run_id = ?`,
    [runId],
  )
  const twice = await query(
    `SELECT product_id AS id FROM ${db}.product_writes WHERE run_id = ?
      GROUP BY product_id HAVING COUNT(*) > 1 ORDER BY product_id`,
    [runId],
  )
  return {
    products: Number(totals!["products"]),
    writes: Number(totals!["writes"]),
    twice: twice.map((r) => Number(r["id"])),
  }
}

/** The user lock that gates a database's writes. */
const gateLock = (database: string) => `poolwise_gate_${database}`.slice(0, 64)

/**
 * Adds the gate trigger: an UPDATE of a product above `fromId` waits (up to
 * {@link gateTimeoutSeconds}) while the gate is closed, then goes on.
 */
export const installWriteGate = async (query: AdminQuery, database: string, fromId: number): Promise<void> => {
  const db = mysql.escapeId(database)
  const lock = mysql.escape(gateLock(database))
  // Taking the lock and giving it back at once: writers wait for the holder, never for each other.
  await query(
    `CREATE TRIGGER ${db}.products_write_gate BEFORE UPDATE ON ${db}.products FOR EACH ROW
       IF NEW.id > ${Number(fromId)} THEN
         IF GET_LOCK(${lock}, ${gateTimeoutSeconds}) = 1 THEN DO RELEASE_LOCK(${lock}); END IF;
       END IF`,
  )
}

/** Closes the gate on `query`'s session; it opens when that session ends (e.g. the server crashes). */
export const closeWriteGate = async (query: AdminQuery, database: string): Promise<void> => {
  const [row] = await query("SELECT GET_LOCK(?, 0) AS taken", [gateLock(database)])
  if (Number(row!["taken"]) !== 1) throw new Error(`the write gate of ${database} is held elsewhere`)
}

/** Opens the gate closed by {@link closeWriteGate} on the same session. */
export const openWriteGate = async (query: AdminQuery, database: string): Promise<void> => {
  await query("DO RELEASE_LOCK(?)", [gateLock(database)])
}

/**
 * Connections on `database` whose UPDATE waits at its gate. (Not by user: a
 * trigger runs as its definer, and the process list shows that user meanwhile.)
 */
export const writersAtGate = async (query: AdminQuery, database: string): Promise<number> => {
  const [row] = await query(
    "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND STATE = 'User lock'",
    [database],
  )
  return Number(row!["n"])
}
