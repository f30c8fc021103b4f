/**
 * Runs of a pool in front of the simulated service, in virtual time, and the
 * measures the adaptive-limit proofs read from them.
 */
import { Effect } from "effect"
import { inVirtualTime } from "poolwise/testing"
import { makeAdaptiveLimit } from "../../../../src/internal/limits/adaptiveLimit.ts"
import type { AdaptiveOptions } from "../../../../src/internal/limits/adaptiveOptions.ts"
import { drivePool } from "../../../../src/internal/limits/poolDriver.ts"
import type { LimitPoint, PoolRun } from "../../../../src/internal/limits/poolModel.ts"
import type { ServiceProfile } from "../../../../src/internal/limits/serviceProfile.ts"
import { makeSimulatedService } from "../../../../src/internal/limits/simulatedService.ts"

/** `tasks` calls through an adaptive limit, in virtual time. */
export const adaptiveRun = (tasks: number, profile: ServiceProfile, options: AdaptiveOptions): Effect.Effect<PoolRun> =>
  inVirtualTime(Effect.gen(function* () {
    const service = yield* makeSimulatedService(profile)
    const limit = yield* Effect.orDie(makeAdaptiveLimit(options))
    return yield* drivePool(tasks, service, limit)
  }))

/** `tasks` calls through a fixed limit, in virtual time. */
export const fixedRun = (tasks: number, profile: ServiceProfile, limit: number): Effect.Effect<PoolRun> =>
  inVirtualTime(Effect.flatMap(makeSimulatedService(profile), (service) => drivePool(tasks, service, limit)))

/**
 * When the limit entered `[low, high]` for good: the time of the change that
 * brought it in and after which it never left (no earlier than `from`), or
 * `undefined` if it ends outside.
 */
export const settledAt = (
  limits: ReadonlyArray<LimitPoint>,
  low: number,
  high: number,
  from = 0,
): number | undefined => {
  let since: number | undefined
  for (const point of limits) {
    if (point.limit < low || point.limit > high) since = undefined
    else since ??= point.at
  }
  return since === undefined ? undefined : Math.max(since, from)
}

/** The lowest and highest limit at or after `from`. */
export const rangeAfter = (limits: ReadonlyArray<LimitPoint>, from: number): readonly [number, number] => {
  let current = limits[0]!.limit
  for (const point of limits) if (point.at <= from) current = point.limit
  const values = [current, ...limits.filter((point) => point.at > from).map((point) => point.limit)]
  return [Math.min(...values), Math.max(...values)]
}
