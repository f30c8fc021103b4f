/**
 * The text and parameters of a multi-row status write: one `UPDATE … JOIN`
 * over the batch's rows, so it only touches rows that exist (a product
 * deleted since its id was read is not brought back, as an `INSERT … ON
 * DUPLICATE KEY UPDATE` would). With a run id it skips the rows that run has
 * already written, like the row-by-row write.
 *
 * The text depends only on the batch's size (and whether there is a run), so
 * it is built once per size and every value goes in as a parameter: as safe
 * as the tagged template, without compiling hundreds of fragments per batch.
 *
 * @internal
 */
import type { StatusRow } from "./store.ts"

/** A cache of statement texts, and the function that fills a batch's parameters. */
export const makeBulkWriter = () => {
  const texts = new Map<string, string>()

  const textFor = (size: number, conditional: boolean): string => {
    const key = `${size}:${conditional}`
    let text = texts.get(key)
    if (text === undefined) {
      const select = Array.from(
        { length: size },
        (_, i) => i === 0 ? "SELECT ? AS id, ? AS stock, ? AS discontinued" : "SELECT ?, ?, ?",
      ).join(" UNION ALL ")
      text = `UPDATE products AS p JOIN (${select}) AS s ON s.id = p.id ` +
        "SET p.stock = s.stock, p.discontinued = s.discontinued, p.synced_at = ?, p.sync_run_id = ?" +
        (conditional ? " WHERE NOT (p.sync_run_id <=> ?)" : "")
      texts.set(key, text)
    }
    return text
  }

  return (rows: ReadonlyArray<StatusRow>, syncedAt: Date, runId: string | undefined) => {
    const params: Array<unknown> = []
    for (const { id, status } of rows) params.push(id, status.stock, status.discontinued)
    params.push(syncedAt, runId ?? null)
    if (runId !== undefined) params.push(runId)
    return { text: textFor(rows.length, runId !== undefined), params }
  }
}
