/**
 * Run ids, shared by a local run and a run submitted to the cluster.
 *
 * @internal
 */
import { Clock, Effect, Random } from "effect"
import { check, type InvalidOptionError, optional, runId } from "../options/rules.ts"

/** A run id the caller chose, if any, checked as `runId`. */
export const checkRunId = (id: string | undefined): Effect.Effect<string | undefined, InvalidOptionError> =>
  check(optional(runId), "runId", id)

// Sortable by start time, unique enough for one table: "run-20240501T120000123Z-k3x9q2".
export const newRunId: Effect.Effect<string> = Effect.gen(function* () {
  const now = yield* Clock.currentTimeMillis
  const stamp = new Date(now).toISOString().replace(/[-:.]/g, "")
  const suffix = (yield* Random.nextIntBetween(0, 36 ** 6)).toString(36).padStart(6, "0")
  return `run-${stamp}-${suffix}`
})
