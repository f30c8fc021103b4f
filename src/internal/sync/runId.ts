/**
 * Run ids, shared by a local run and a run submitted to the cluster.
 *
 * @internal
 */
import { Clock, Effect, Random } from "effect"
import { InvalidOptionError } from "../options/rules.ts"

const runIdPattern = /^[A-Za-z0-9._:-]{1,64}$/

/** A run id the caller chose: 1 to 64 of `A-Z a-z 0-9 . _ : -`. */
export const checkRunId = (runId: string | undefined) =>
  runId === undefined || runIdPattern.test(runId) ? Effect.void : Effect.fail(
    new InvalidOptionError({ option: "runId", value: runId, reason: "expected 1 to 64 of A-Z a-z 0-9 . _ : -" }),
  )

// Sortable by start time, unique enough for one table: "run-20240501T120000123Z-k3x9q2".
export const newRunId: Effect.Effect<string> = Effect.gen(function* () {
  const now = yield* Clock.currentTimeMillis
  const stamp = new Date(now).toISOString().replace(/[-:.]/g, "")
  const suffix = (yield* Random.nextIntBetween(0, 36 ** 6)).toString(36).padStart(6, "0")
  return `run-${stamp}-${suffix}`
})
