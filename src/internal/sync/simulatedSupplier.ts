/**
 * The B2B supplier's status API, simulated: seeded, deterministic, and slow
 * the way a remote API is, on Effect's clock.
 *
 * @internal
 */
import { Duration, Effect, Either } from "effect"
import * as defaults from "../defaults.ts"
import {
  check,
  finiteDuration,
  nonNegativeInteger,
  optional,
  positiveInteger,
  type Rule,
  wholeNumber,
} from "../options/rules.ts"
import { type ProductId, SupplierStatusRecord } from "./Product.ts"
import { checkedAnswer, SupplierError, tooManyRequests } from "./SupplierError.ts"

/** The simulation's knobs (documented on `SupplierStatus.layerSimulated`). */
export interface SimulatedSupplierOptions {
  /** Changes every product's latency spread and status; 1 by default. A whole number ≥ 0. */
  readonly seed?: number | undefined
  /** Mean latency; each product takes mean × (0.5..1.5), fixed by id and seed. 50 ms by default. */
  readonly meanLatency?: Duration.DurationInput | undefined
  /** Exact latency, for tests: one for all, or per product. Overrides `meanLatency`. */
  readonly latency?: Duration.DurationInput | ((id: ProductId) => Duration.DurationInput) | undefined
  /** Products the supplier knows: ids above it answer "unknown product". All by default. */
  readonly catalogueSize?: number | undefined
  /** Raw answer to send instead of the real one (fault injection); `undefined` keeps the real one. */
  readonly respond?: ((id: ProductId) => unknown) | undefined
  /**
   * Calls it serves at once at their own latency (C): past it, a call accepted
   * with L in flight takes latency × L / C (a queue). Unlimited by default.
   */
  readonly capacity?: number | undefined
  /**
   * Calls in flight past which it answers "too many requests" at once (an HTTP 429):
   * a whole number ≥ `capacity`. By default ⌈1.2 × capacity⌉ when `capacity` is given, else none.
   */
  readonly refuseAbove?: number | undefined
}

/** A number in [0, 1) fixed by `seed`, `id` and `salt` (a 32-bit integer hash), so runs repeat exactly. */
export const seededUnit = (seed: number, id: number, salt: number): number => {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id, 0xc2b2ae35) ^ Math.imul(salt + 1, 0x27d4eb2f)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

// The answer as it comes off the wire: a plain object, decoded by the caller.
const simulatedAnswer = (id: ProductId, seed: number) => ({
  id,
  stock: seededUnit(seed, id, 1) < 0.1 ? 0 : Math.floor(seededUnit(seed, id, 2) * 500) + 1,
  discontinued: seededUnit(seed, id, 3) < 0.05,
})

/** The status the simulation reports for `id` under `seed`: about one in ten out of stock, one in twenty discontinued. */
export const simulatedStatus = (id: ProductId, seed: number): SupplierStatusRecord =>
  new SupplierStatusRecord(simulatedAnswer(id, seed))

/** The simulation's latency for `id`: mean × (0.5..1.5), whole ms. */
export const simulatedLatency = (id: ProductId, seed: number, mean: Duration.DurationInput): Duration.Duration =>
  Duration.millis(Math.round(Duration.toMillis(mean) * (0.5 + seededUnit(seed, id, 0))))

const functionOrDuration: Rule<unknown> = (option, value) =>
  typeof value === "function" ? Either.right(value) : finiteDuration(option, value)

/** The simulated supplier's `fetch`; every option checked first. */
export const makeSimulatedSupplier = (options: SimulatedSupplierOptions = {}) =>
  Effect.gen(function* () {
    const seed = (yield* check(optional(nonNegativeInteger), "seed", options.seed)) ?? defaults.supplierSeed
    const catalogueSize = (yield* check(optional(positiveInteger), "catalogueSize", options.catalogueSize)) ??
      Number.POSITIVE_INFINITY
    const meanLatency = (yield* check(optional(finiteDuration), "meanLatency", options.meanLatency)) ??
      defaults.supplierMeanLatency
    yield* check(optional(functionOrDuration), "latency", options.latency)
    const capacity = (yield* check(optional(positiveInteger), "capacity", options.capacity)) ??
      Number.POSITIVE_INFINITY
    const refuseAbove = (yield* check(
      optional(wholeNumber({ min: Number.isFinite(capacity) ? capacity : 1 })),
      "refuseAbove",
      options.refuseAbove,
    )) ?? (Number.isFinite(capacity) ? Math.ceil(capacity * defaults.supplierRefuseFactor) : Number.POSITIVE_INFINITY)
    const { latency, respond } = options
    // One latency for every product is decoded once, and its sleep built once.
    const fixed = latency === undefined || typeof latency === "function" ? undefined : Duration.decode(latency)
    const fixedWait = fixed === undefined || Duration.isZero(fixed) ? Effect.void : Effect.sleep(fixed)
    const waitFor = (id: ProductId): Effect.Effect<void> => {
      const wait = latency === undefined
        ? simulatedLatency(id, seed, meanLatency)
        : Duration.decode((latency as (id: ProductId) => Duration.DurationInput)(id))
      return Duration.isZero(wait) ? Effect.void : Effect.sleep(wait)
    }

    // Every answer, the simulated ones included, is decoded as the wire's would be.
    const answer = (id: ProductId): Either.Either<SupplierStatusRecord, SupplierError> => {
      if (id > catalogueSize) return Either.left(new SupplierError({ id, reason: "unknown product" }))
      const injected = respond?.(id)
      return checkedAnswer(id, injected === undefined ? simulatedAnswer(id, seed) : injected)
    }

    const unlimited = fixed !== undefined
      ? fixedWait === Effect.void
        // No latency: the answer alone, one step.
        ? (id: ProductId): Effect.Effect<SupplierStatusRecord, SupplierError> => Effect.suspend(() => answer(id))
        : (id: ProductId): Effect.Effect<SupplierStatusRecord, SupplierError> =>
          Effect.zipRight(fixedWait, Effect.suspend(() => answer(id)))
      : (id: ProductId): Effect.Effect<SupplierStatusRecord, SupplierError> =>
        Effect.suspend(() => Effect.zipRight(waitFor(id), Effect.suspend(() => answer(id))))
    if (!Number.isFinite(capacity) && !Number.isFinite(refuseAbove)) return { fetch: unlimited }

    // With a capacity: refused past `refuseAbove` in flight, slower past `capacity`.
    let inFlight = 0
    const latencyOf = (id: ProductId): Duration.Duration =>
      fixed ?? (latency === undefined
        ? simulatedLatency(id, seed, meanLatency)
        : Duration.decode((latency as (id: ProductId) => Duration.DurationInput)(id)))
    const fetch = (id: ProductId): Effect.Effect<SupplierStatusRecord, SupplierError> =>
      Effect.suspend(() => {
        if (inFlight >= refuseAbove) return Effect.fail(new SupplierError({ id, reason: tooManyRequests }))
        inFlight++
        const queued = Math.max(1, inFlight / capacity)
        const wait = Duration.millis(Math.ceil(Duration.toMillis(latencyOf(id)) * queued))
        return Effect.ensuring(
          Effect.zipRight(Effect.sleep(wait), Effect.suspend(() => answer(id))),
          Effect.sync(() => void inFlight--),
        )
      })
    return { fetch }
  })
