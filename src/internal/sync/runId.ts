/**
 * Run ids, shared by a local run and a run submitted to the cluster.
 *
 * @internal
 */
import { Clock, Effect, Either, Random } from "effect"
import { check, type InvalidOptionError, optional, refuse, type Rule } from "../options/rules.ts"

const runIdPattern = /^[A-Za-z0-9._:-]{1,64}$/

/** A run id: 1 to 64 of `A-Z a-z 0-9 . _ : -` (it is written to `sync_run_id`, a VARCHAR(64)). */
export const runId: Rule<string> = (option, value) =>
  typeof value === "string" && runIdPattern.test(value)
    ? Either.right(value)
    : refuse(option, value, "expected 1 to 64 of A-Z a-z 0-9 . _ : -")

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
