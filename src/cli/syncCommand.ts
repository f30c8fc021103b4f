/**
 * `poolwise sync`, declared: its flags (syncFlags.ts) and a handler that
 * loads the job (sync.ts: the SQL driver, the simulation, the cluster client)
 * only once the flags were accepted.
 */
import { Command } from "@effect/cli"
import { Data, Effect } from "effect"
import { logLevelFlag, withLogLevel } from "./flags.ts"
import type { CliReport } from "./report.ts"
import { syncOptions } from "./syncFlags.ts"
import { syncPlan } from "./syncPlan.ts"

/** Some products were not updated: the report says which and why; the exit code (1) says so. */
export class SyncIncomplete extends Data.TaggedError("SyncIncomplete")<{ readonly report: CliReport }> {
  override get message(): string {
    return `${this.report.failed} of ${this.report.products} products were not updated`
  }
}

export const syncCommand = Command.make(
  "sync",
  { flags: syncOptions, logLevel: logLevelFlag },
  ({ flags, logLevel }) =>
    Effect.promise(() => import("./sync.ts")).pipe(
      Effect.flatMap((sync) => sync.showSync(syncPlan(flags))),
      Effect.flatMap((report) => report.failed === 0 ? Effect.void : Effect.fail(new SyncIncomplete({ report }))),
      withLogLevel(logLevel),
    ),
).pipe(
  Command.withDescription(
    "Refresh every product's stock and discontinued flag from the supplier, as the incident's batch job did. " +
      "Migrates the schema first. Retries transient failures and waits out a server that goes away, by default. " +
      "Exit code 0 only when every product was updated, 1 otherwise, 2 for bad flags, 130 after Ctrl-C (which " +
      "prints the partial report).",
  ),
)
