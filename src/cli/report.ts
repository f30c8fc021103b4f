/**
 * How `poolwise sync` shows a report: as text for people, as one JSON line
 * for scripts, and (on request) as a file of JSON lines with every failed
 * product.
 */
import { FileSystem } from "@effect/platform"
import { Chunk, Effect, Stream } from "effect"
import type { FailureGroup } from "../internal/sync/SyncReport.ts"
import { listFailures, type SyncReport } from "../sync/SyncReport.ts"

/** The report as the CLI shows it: the library's, under the strategy the user named (`bulk` included). */
export type CliReport = Omit<SyncReport, "strategy"> & {
  readonly strategy: SyncReport["strategy"] | "bulk"
  /** With `--concurrency auto`: the bounds the adaptive limit kept within (`limit` is where it ended). */
  readonly limitBounds?: { readonly min: number; readonly max: number } | undefined
}

/** The report's JSON line: the keys scripts read first, then the rest. */
export const reportJson = (report: CliReport): string =>
  JSON.stringify({
    strategy: report.strategy,
    products: report.products,
    updated: report.updated,
    failed: report.failed,
    alreadySynced: report.alreadySynced,
    failures: report.failures,
    elapsedMs: report.elapsedMs,
    peakConnections: report.peakConnections,
    limit: report.limit,
    ...(report.limitBounds === undefined ? {} : { limitBounds: report.limitBounds }),
    write: report.write,
    batchSize: report.batchSize,
    statements: report.statements,
    retries: report.retries,
    outages: report.outages,
    ...(report.stoppedBy === undefined ? {} : { stoppedBy: report.stoppedBy }),
    runId: report.runId,
    resumed: report.resumed,
  })

/** `3, 7-9, 12, … (40 in all)`: the first few ids of a group, from its ranges. */
export const describeIds = (group: Pick<FailureGroup, "ids" | "count">, shown = 8): string => {
  const parts: Array<string> = []
  for (const [from, to] of group.ids) {
    if (parts.length === shown) break
    parts.push(from === to ? String(from) : `${from}-${to}`)
  }
  return parts.length < group.ids.length ? `${parts.join(", ")}, … (${group.count} in all)` : parts.join(", ")
}

const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/**
 * The report as text: totals, then failures grouped by reason. `resumable`:
 * whether a later `sync --resume` can see this run (not on the simulated
 * database, which lives and dies with the process); `cluster`: a cluster
 * run, completed with `sync --cluster --resume-run`.
 */
export const formatReport = (
  report: CliReport,
  options: { readonly resumable?: boolean; readonly cluster?: boolean } = {},
): string => {
  const extras = [
    report.retries > 0 ? counted(report.retries, "retry", "retries") : undefined,
    report.outages > 0 ? `${counted(report.outages, "outage", "outages")} ridden through` : undefined,
  ].filter((extra) => extra !== undefined)
  const lines = [
    `updated ${report.updated} of ${report.products}, failed ${report.failed}, in ${report.elapsedMs} ms; ` +
    `peak connections ${report.peakConnections}` + extras.map((extra) => `, ${extra}`).join(""),
  ]
  if (report.limitBounds !== undefined) {
    lines.push(
      `  concurrency auto, within ${report.limitBounds.min} to ${report.limitBounds.max}: ended at ${report.limit}`,
    )
  }
  if (report.resumed) {
    lines.push(`  resumed run ${report.runId}: ${report.alreadySynced} products were already synced by it`)
  }
  for (const group of report.failures) {
    const errno = group.errno === undefined ? "" : ` (errno ${group.errno})`
    lines.push(`  failed: ${group.reason}${errno}: ${group.count === 1 ? "id" : "ids"} ${describeIds(group)}`)
  }
  if (report.stoppedBy !== undefined) lines.push(`  the run stopped early: ${report.stoppedBy}`)
  if ((options.resumable ?? true) && report.failed > 0) {
    lines.push(
      options.cluster === true
        ? `  run ${report.runId}: \`sync --cluster --resume-run ${report.runId}\` completes it, skipping the ` +
          "products it already synced"
        : `  run ${report.runId}: \`sync --resume\` continues it, skipping the products it already synced`,
    )
  }
  return lines.join("\n")
}

/**
 * Writes every failed product to `path`, one JSON object per line
 * (`{"id":7,"reason":"…","errno":1040}`), and returns how many. The lines are
 * made and written a chunk at a time: a million failures never sit in memory
 * as one string.
 */
export const writeFailures = (
  path: string,
  report: Pick<SyncReport, "failures">,
): Effect.Effect<number, Error, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    let written = 0
    yield* Stream.fromIterable(listFailures(report)).pipe(
      Stream.mapChunks((failures) => {
        written += failures.length
        return Chunk.of(Chunk.join(Chunk.map(failures, (failure) => `${JSON.stringify(failure)}\n`), ""))
      }),
      Stream.encodeText,
      Stream.run(fs.sink(path)),
    )
    return written
  }).pipe(Effect.mapError((cause) => new Error(`could not write the failures to ${path}: ${cause.message}`)))
