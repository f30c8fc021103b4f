/**
 * How the simulated service behaves, as numbers and pure functions, shared by
 * the Effect service (simulatedService.ts) and the pure model of a pool in
 * front of it (poolModel.ts), so both compute the same latencies.
 *
 * The service serves `capacity` requests at once at its base latency; past
 * that they queue, and latency grows in proportion (a processor shared by
 * more requests than it has room for): `base × max(1, inFlight / capacity)`,
 * rounded up to a whole millisecond, fixed when the request is accepted. Past
 * `hardCap` requests in flight it refuses at once (after `refusalLatency`)
 * with an overload error, as a database out of connections or a supplier
 * answering "too many requests". Its throughput is therefore
 * `min(L, capacity) / base` at L in flight: flat past `capacity`, which is
 * the N that Little's law (L = λW) names, and the one an adaptive limit
 * should find.
 *
 * @internal
 */

export interface CapacityChange {
  /** From this virtual time (ms since the run began) on. */
  readonly at: number
  readonly capacity: number
  readonly hardCap: number
}

export interface ServiceProfile {
  /** Latency with no queue, in whole ms. */
  readonly baseLatency: number
  /** Requests served at once without queueing (C). */
  readonly capacity: number
  /** Requests in flight past which it refuses (≥ capacity). */
  readonly hardCap: number
  /** How long a refusal takes to come back, in whole ms (≥ 1, so refusals take time as real ones do). */
  readonly refusalLatency: number
  /** Later capacities: the service slowing down (or recovering) mid-run. */
  readonly changes?: ReadonlyArray<CapacityChange> | undefined
  /**
   * Noise: each call's own latency is `baseLatency × (1 ± spread)`, drawn
   * uniformly and fixed by the call's number and `seed` (the job's simulated
   * supplier varies ±50 % from product to product: a spread of 0.5). 0 by default.
   */
  readonly spread?: number | undefined
  readonly seed?: number | undefined
}

/** The profile of the docs and tests: 100 ms with no queue, 50 at once, refusals past 60. */
export const defaultProfile: ServiceProfile = {
  baseLatency: 100,
  capacity: 50,
  hardCap: 60,
  refusalLatency: 5,
}

/** Capacity and hard cap in force at `now`. */
export const capacityAt = (profile: ServiceProfile, now: number): { capacity: number; hardCap: number } => {
  let current = { capacity: profile.capacity, hardCap: profile.hardCap }
  for (const change of profile.changes ?? []) if (change.at <= now) current = change
  return current
}

/** A number in [0, 1) fixed by `seed` and `n` (a 32-bit integer hash), so noisy runs repeat exactly. */
const unitOf = (seed: number, n: number): number => {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}

/**
 * What the service does with the `call`-th request (from 0), arriving at
 * `now` with `inFlight` already accepted: refuse it, or accept it with this latency.
 */
export const answer = (
  profile: ServiceProfile,
  now: number,
  inFlight: number,
  call = 0,
): { readonly refused: true; readonly latency: number } | { readonly refused: false; readonly latency: number } => {
  const { capacity, hardCap } = capacityAt(profile, now)
  if (inFlight >= hardCap) return { refused: true, latency: profile.refusalLatency }
  const spread = profile.spread ?? 0
  const own = spread === 0
    ? profile.baseLatency
    : profile.baseLatency * (1 - spread + 2 * spread * unitOf(profile.seed ?? 1, call))
  return { refused: false, latency: Math.ceil(own * Math.max(1, (inFlight + 1) / capacity)) }
}

/** The best makespan any limit can reach for `tasks` (no change of capacity): capacity busy all along. */
export const idealMakespan = (profile: ServiceProfile, tasks: number): number =>
  Math.ceil(tasks / profile.capacity) * profile.baseLatency
