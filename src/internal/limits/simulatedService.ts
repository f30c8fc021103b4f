/**
 * The simulated service of the adaptive-limit proofs, as an Effect: each call
 * sleeps on Effect's clock for the latency serviceProfile.ts answers, or
 * fails with {@link ServiceOverloaded} past the hard cap. Under TestClock (or
 * `inVirtualTime`) a run of 10,000 calls takes virtual seconds and real
 * milliseconds per thousand.
 *
 * @internal
 */
import { Clock, Data, Duration, Effect } from "effect"
import { answer, type ServiceProfile } from "./serviceProfile.ts"

/** The service refused a call: too many in flight (a 1040, a 429). An adaptive limit reads it as overload. */
export class ServiceOverloaded extends Data.TaggedError("ServiceOverloaded")<{
  readonly inFlight: number
}> {
  override get message(): string {
    return `Too many requests: ${this.inFlight} already in flight`
  }
}

export interface SimulatedService {
  /** One call: accepted (and then takes its latency) or refused. */
  readonly call: Effect.Effect<void, ServiceOverloaded>
  /** Calls accepted and not yet answered, right now. */
  readonly inFlight: () => number
  /** Calls refused so far. */
  readonly refusals: () => number
}

/**
 * A service that behaves as `profile` says; its clock starts when it is made
 * (capacity changes are at times since then).
 */
export const makeSimulatedService = (profile: ServiceProfile): Effect.Effect<SimulatedService> =>
  Effect.map(Clock.currentTimeMillis, (origin) => {
    let inFlight = 0
    let refusals = 0
    let calls = 0
    const call = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const reply = answer(profile, now - origin, inFlight, calls++)
      if (reply.refused) {
        refusals++
        return Effect.zipRight(
          Effect.sleep(Duration.millis(reply.latency)),
          Effect.fail(new ServiceOverloaded({ inFlight })),
        )
      }
      inFlight++
      return Effect.ensuring(
        Effect.sleep(Duration.millis(reply.latency)),
        Effect.sync(() => inFlight--),
      )
    })
    return { call, inFlight: () => inFlight, refusals: () => refusals }
  })
