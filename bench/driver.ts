/**
 * The limit of the database path: plain mysql2 doing exactly the sync job's
 * writes, with no kit around it. bench/db.ts runs these beside the job and
 * reports the job's time over theirs.
 *
 * - row by row: `workers` async workers share one cursor over the ids; each
 *   waits the supplier's delay, then sends the job's conditional
 *   `UPDATE … WHERE id = ? AND NOT (sync_run_id <=> ?)` as a prepared
 *   statement (`pool.execute`);
 * - bulk: batches of `batchSize` ids, `workers` at once, each one multi-row
 *   `UPDATE … JOIN (SELECT … UNION ALL …)` in the job's own text (`pool.query`).
 *
 * The pool is mysql2's own with the job's pool size, and the lock wait limit is
 * set once per connection as it opens: the job's guarantee, at the driver's price.
 */
import { setTimeout as sleep } from "node:timers/promises"
import mysql from "mysql2"

export interface DriverOptions {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string
  readonly database: string
  readonly pool: number
  readonly lockWaitSeconds: number
}

/** A supplier answer without the supplier: the values do not change what a write costs. */
const statusOf = (id: number) => ({ stock: id % 10 === 0 ? 0 : (id * 7) % 500 + 1, discontinued: id % 20 === 0 })

const rowText = "UPDATE products SET stock = ?, discontinued = ?, synced_at = ?, sync_run_id = ? " +
  "WHERE id = ? AND NOT (sync_run_id <=> ?)"

const bulkText = (size: number) =>
  "UPDATE products AS p JOIN (" +
  Array.from({ length: size }, (_, i) => i === 0 ? "SELECT ? AS id, ? AS stock, ? AS discontinued" : "SELECT ?, ?, ?")
    .join(" UNION ALL ") +
  ") AS s ON s.id = p.id SET p.stock = s.stock, p.discontinued = s.discontinued, p.synced_at = ?, p.sync_run_id = ? " +
  "WHERE NOT (p.sync_run_id <=> ?)"

const affected = (result: unknown) => (result as { affectedRows?: number }).affectedRows ?? 0

/** A mysql2 pool of the job's size, and the two ways of writing through it. */
export const makeDriver = (options: DriverOptions) => {
  const core = mysql.createPool({
    host: options.host,
    port: options.port,
    user: options.user,
    password: options.password,
    database: options.database,
    connectionLimit: options.pool,
    maxIdle: options.pool,
    timezone: "Z",
  })
  core.on("connection", (connection) => {
    // Commands on one connection run in order: this SET precedes its first write.
    connection.query(`SET SESSION innodb_lock_wait_timeout = ${options.lockWaitSeconds}`, () => undefined)
  })
  const pool = core.promise()
  let runs = 0

  /** Products 1..rows, one conditional UPDATE each, `workers` at once, `supplierMs` before each (0: none). */
  const rowByRow = async (rows: number, workers: number, supplierMs: number): Promise<number> => {
    const runId = `driver-${process.pid}-${++runs}`
    let next = 1
    let written = 0
    await Promise.all(Array.from({ length: workers }, async () => {
      while (next <= rows) {
        const id = next++
        if (supplierMs > 0) await sleep(supplierMs)
        const { stock, discontinued } = statusOf(id)
        const [result] = await pool.execute(rowText, [stock, discontinued, new Date(), runId, id, runId])
        written += affected(result)
      }
    }))
    return written
  }

  /** Products 1..rows in batches of `batchSize`, one multi-row UPDATE per batch, `workers` at once. */
  const bulk = async (rows: number, workers: number, batchSize: number): Promise<number> => {
    const runId = `driver-${process.pid}-${++runs}`
    let next = 1
    let written = 0
    await Promise.all(Array.from({ length: workers }, async () => {
      while (next <= rows) {
        const first = next
        const last = Math.min(rows, first + batchSize - 1)
        next = last + 1
        const params: Array<unknown> = []
        for (let id = first; id <= last; id++) {
          const { stock, discontinued } = statusOf(id)
          params.push(id, stock, discontinued)
        }
        params.push(new Date(), runId, runId)
        const [result] = await pool.query(bulkText(last - first + 1), params)
        written += affected(result)
      }
    }))
    return written
  }

  return { rowByRow, bulk, end: () => pool.end() }
}
