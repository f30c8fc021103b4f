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

/**
 * What the service does with a request that arrives at `now` with `inFlight`
 * already accepted: refuse it, or accept it with this latency.
 */
export const answer = (
  profile: ServiceProfile,
  now: number,
  inFlight: number,
): { readonly refused: true; readonly latency: number } | { readonly refused: false; readonly latency: number } => {
  const { capacity, hardCap } = capacityAt(profile, now)
  if (inFlight >= hardCap) return { refused: true, latency: profile.refusalLatency }
  return { refused: false, latency: Math.ceil(profile.baseLatency * Math.max(1, (inFlight + 1) / capacity)) }
}

/** The best makespan any limit can reach for `tasks` (no change of capacity): capacity busy all along. */
export const idealMakespan = (profile: ServiceProfile, tasks: number): number =>
  Math.ceil(tasks / profile.capacity) * profile.baseLatency
