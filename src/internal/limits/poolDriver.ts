/**
 * A minimal pool driven by a limit, in front of the simulated service: the
 * proofs' and the pictures' way to run an adaptive limit for real (in virtual
 * time), until the runners take limits of their own (issue 19, phase 2).
 *
 * A crew of workers, as many as the limit can ever allow (the fixed limit, or
 * the adaptive limit's `max`), each taking the next item and waiting in the
 * limit's line for a permit to attempt it; the limit, not the crew, decides
 * how many run. An attempt the service refuses goes back in line (its worker
 * waits for a permit again) until it succeeds. poolModel.ts computes the same
 * runs without the runtime (its test proves they agree).
 *
 * @internal
 */
import { Clock, Effect } from "effect"
import type { AdaptiveLimit } from "./adaptiveLimit.ts"
import { makeLiveLimit } from "./liveLimit.ts"
import type { LimitPoint, PoolRun } from "./poolModel.ts"
import type { SimulatedService } from "./simulatedService.ts"

/** Runs `tasks` calls of `service` through a fixed limit or an adaptive one; times are ms since the start. */
export const drivePool = (
  tasks: number,
  service: SimulatedService,
  limit: number | AdaptiveLimit,
): Effect.Effect<PoolRun> =>
  Effect.gen(function* () {
    const origin = yield* Clock.currentTimeMillis
    const gate = typeof limit === "number"
      ? { withPermit: (yield* Effect.orDie(makeLiveLimit(limit))).withPermit }
      : limit
    const refusedAt: Array<number> = []
    let makespan = 0
    let inFlight = 0
    let peakInFlight = 0

    let next = 0
    const attempt: Effect.Effect<void> = gate.withPermit(Effect.suspend(() => {
      inFlight++
      peakInFlight = Math.max(peakInFlight, inFlight)
      return service.call
    })).pipe(
      Effect.ensuring(Effect.sync(() => inFlight--)),
      Effect.matchEffect({
        onSuccess: () => Effect.map(Clock.currentTimeMillis, (now) => void (makespan = now - origin)),
        onFailure: () =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => {
            refusedAt.push(now - origin)
            return Effect.suspend(() => attempt)
          }),
      }),
    )
    // A crew as large as the limit can ever be; each takes the next item when it has none.
    const worker = Effect.whileLoop({ while: () => next < tasks, body: () => (next++, attempt), step: () => {} })
    const crew = Math.min(tasks, typeof limit === "number" ? limit : limit.settings.max)
    yield* Effect.forEach(Array.from({ length: crew }), () => worker, { concurrency: "unbounded", discard: true })

    const limits: Array<LimitPoint> = typeof limit === "number"
      ? [{ at: 0, limit }]
      : limit.unsafeHistory().map((change) => ({ at: change.at - origin, limit: change.limit }))
    return { makespan, refusals: refusedAt.length, refusedAt, limits, peakInFlight }
  })
