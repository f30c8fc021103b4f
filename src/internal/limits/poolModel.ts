/**
 * A pool in front of the simulated service, computed rather than run: a
 * discrete-event model of what poolDriver.ts does in virtual time, for sweeps
 * (the makespan at every fixed limit from 1 to 120 takes milliseconds here,
 * minutes through the Effect runtime). test/internal/limits/poolModel.test.ts
 * proves it gives the same makespan, refusals and limit changes as the driver.
 *
 * The rules are the driver's: a line of work (new items, and attempts the
 * service refused, which go back in line); while fewer than the limit are in
 * flight, the next attempt starts; an attempt ends after the latency the
 * service answers (serviceProfile.ts); an adaptive limit hears every start and
 * end. Ends at the same instant are taken in the order TestClock wakes its
 * sleepers (the last to fall asleep first), so ties resolve as in the driver.
 *
 * @internal
 */
import { ended, started } from "./adaptiveDecisions.ts"
import { type AdaptiveSettings, type AdaptiveState, initialState, type Ticket } from "./adaptiveState.ts"
import { answer, type ServiceProfile } from "./serviceProfile.ts"

/** A limit change: from `at` (ms) on, `limit`. */
export interface LimitPoint {
  readonly at: number
  readonly limit: number
}

/** What a run of `tasks` items did. */
export interface PoolRun {
  /** When the last item succeeded (ms). */
  readonly makespan: number
  /** Attempts the service refused, and when each refusal came back. */
  readonly refusals: number
  readonly refusedAt: ReadonlyArray<number>
  /** The limit over time: its first value at 0, then each change. */
  readonly limits: ReadonlyArray<LimitPoint>
  /** The most attempts in flight at once. */
  readonly peakInFlight: number
}

interface Ending {
  readonly at: number
  readonly seq: number
  readonly refused: boolean
  readonly ticket: Ticket | undefined
}

/** Earlier first; at the same instant, the later started first (TestClock's order). */
const before = (a: Ending, b: Ending): boolean => a.at < b.at || (a.at === b.at && a.seq > b.seq)

/** A binary min-heap of endings. */
const makeHeap = () => {
  const items: Array<Ending> = []
  const swap = (i: number, j: number) => {
    const t = items[i]!
    items[i] = items[j]!
    items[j] = t
  }
  return {
    size: () => items.length,
    push: (item: Ending) => {
      items.push(item)
      for (let i = items.length - 1; i > 0;) {
        const parent = (i - 1) >> 1
        if (!before(items[i]!, items[parent]!)) break
        swap(i, parent)
        i = parent
      }
    },
    pop: (): Ending => {
      const top = items[0]!
      const last = items.pop()!
      if (items.length > 0) {
        items[0] = last
        for (let i = 0;;) {
          const l = 2 * i + 1
          const r = l + 1
          let m = i
          if (l < items.length && before(items[l]!, items[m]!)) m = l
          if (r < items.length && before(items[r]!, items[m]!)) m = r
          if (m === i) break
          swap(i, m)
          i = m
        }
      }
      return top
    },
  }
}

/** `tasks` items through a fixed limit, or an adaptive one with these settings, in front of `profile`. */
export const simulatePool = (
  tasks: number,
  profile: ServiceProfile,
  limit: number | AdaptiveSettings,
): PoolRun => {
  let controller: AdaptiveState | undefined = typeof limit === "number" ? undefined : initialState(limit)
  const current = () => controller === undefined ? (limit as number) : controller.limit
  const limits: Array<LimitPoint> = [{ at: 0, limit: current() }]
  const refusedAt: Array<number> = []
  const endings = makeHeap()
  let now = 0
  let seq = 0
  let waiting = tasks
  let inFlight = 0
  let accepted = 0
  let peakInFlight = 0
  let makespan = 0

  const dispatch = () => {
    while (waiting > 0 && inFlight < current()) {
      waiting--
      inFlight++
      peakInFlight = Math.max(peakInFlight, inFlight)
      let ticket: Ticket | undefined
      if (controller !== undefined) [controller, ticket] = started(controller, now)
      const reply = answer(profile, now, accepted, seq)
      if (!reply.refused) accepted++
      endings.push({ at: now + reply.latency, seq: seq++, refused: reply.refused, ticket })
    }
  }

  dispatch()
  while (endings.size() > 0) {
    const ending = endings.pop()
    now = ending.at
    inFlight--
    if (ending.refused) {
      refusedAt.push(now)
      waiting++
    } else {
      accepted--
      makespan = now
    }
    if (controller !== undefined) {
      const before = controller.limit
      controller = ended(controller, ending.ticket!, now, ending.refused ? "overload" : "success")
      if (controller.limit !== before) limits.push({ at: now, limit: controller.limit })
    }
    dispatch()
  }
  return { makespan, refusals: refusedAt.length, refusedAt, limits, peakInFlight }
}

/** The makespan at every fixed limit in `limits`, and the best of them (the lowest makespan; ties: the lowest limit). */
export const sweepFixedLimits = (
  tasks: number,
  profile: ServiceProfile,
  limits: ReadonlyArray<number>,
): {
  readonly points: ReadonlyArray<{ limit: number; makespan: number; refusals: number }>
  readonly best: { limit: number; makespan: number }
} => {
  const points = limits.map((limit) => {
    const run = simulatePool(tasks, profile, limit)
    return { limit, makespan: run.makespan, refusals: run.refusals }
  })
  const best = points.reduce((a, b) => (b.makespan < a.makespan ? b : a))
  return { points, best: { limit: best.limit, makespan: best.makespan } }
}
