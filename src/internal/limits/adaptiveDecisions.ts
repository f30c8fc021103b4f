/**
 * The decisions of an adaptive limit, as a pure state machine: no clock, no
 * fibers, no effects. Whoever runs the tasks tells it when each one started
 * (`started`) and how it ended (`ended`: when, and whether it succeeded, was
 * refused for overload, or failed for another reason); it answers with a new
 * state whose `limit` is the concurrency to use now. adaptiveLimit.ts wraps it
 * around a live limit; the tests drive it by hand.
 *
 * Two algorithms, both bounded by `[min, max]`:
 *
 * - `"aimd"` (additive increase, multiplicative decrease): loss-based, as TCP
 *   and Netflix's AIMDLimit. While every task succeeds and demand fills at
 *   least half the limit, the limit grows; an overload (the server's 1040 or
 *   1226, a supplier's "too many requests", a timeout) multiplies it by
 *   `backoff`. It finds the point where the service starts refusing, and
 *   keeps probing it: for a service that only refuses, that is the best it can
 *   do.
 * - `"gradient"` (the default): latency-based, in the spirit of Netflix's
 *   Gradient2 and Envoy's adaptive concurrency filter, with the same AIMD
 *   reaction to overloads on top. Once per window it compares the window's
 *   mean latency with the baseline (the service with no queue; how noise is
 *   kept out of both is latencyNoise.ts's part). Within `tolerance` of it:
 *   no queue, the limit grows. Surely above it: the limit is multiplied by
 *   `(1 + tolerance) × baseline / latency` (never by less than 0.5), which is
 *   where Little's law puts the capacity: a service that serves C at once in
 *   W0 shows W0 × L / C at L in flight, so L comes back to about
 *   (1 + tolerance) × C. Above it but not surely: the limit holds and the
 *   next window's tasks count with this one's.
 *
 * Growth has two speeds, as TCP's: while `probing` (until the first sign of a
 * queue or an overload) the limit doubles each window; after that, +1. A
 * window is the first ⌈limit / 2⌉ tasks started under the current limit (an
 * epoch), and closes when they have all ended: chosen by when they started,
 * not by when they ended, since the first to end of a noisy service are its
 * fastest. A straggler (a task retrying a refusal for seconds) is waited for
 * only until the epoch has ended {@link windowStretch} × the window's size;
 * then it counts at the time it has taken so far. An overload cuts unless a
 * cut came after its task started: a refusal of a task started before a cut
 * does not cut again, one of a task started before the limit merely grew does.
 *
 * If the limit sits at `min` for 5 windows in a row with a queue showing, the
 * service itself has become slower: the baseline restarts from what it shows
 * now (Envoy re-measures its minRTT in the same case).
 *
 * @internal
 */

import {
  baselineConfidence,
  baselineOf,
  margin,
  remember,
  restartFrom,
  spreadWith,
  windowStats,
  windowStretch,
} from "./latencyNoise.ts"
import type { AdaptiveSettings, AdaptiveState, Outcome, Ticket } from "./adaptiveState.ts"

const clampLimit = (settings: AdaptiveSettings, estimate: number): number =>
  Math.min(settings.max, Math.max(settings.min, Math.round(estimate)))

/** A task started at `now`: count it in flight, and remember its epoch. */
export const started = (state: AdaptiveState, now: number): readonly [AdaptiveState, Ticket] => {
  const inFlight = state.inFlight + 1
  return [
    {
      ...state,
      inFlight,
      startedInEpoch: state.startedInEpoch + 1,
      ...(state.startedInEpoch < Math.ceil(state.limit / 2)
        ? { runningStarts: state.runningStarts + now, runningStartSquares: state.runningStartSquares + now * now }
        : {}),
      peakInFlight: Math.max(state.peakInFlight, inFlight),
    },
    { startedAt: now, epoch: state.epoch, index: state.startedInEpoch },
  ]
}

/** A new epoch at `estimate`: the window starts empty (unless `keep`: a held window's samples go on counting). */
const moveTo = (
  state: AdaptiveState,
  estimate: number,
  changes: Partial<AdaptiveState>,
  keep = false,
): AdaptiveState => {
  const bounded = Math.min(state.settings.max, Math.max(state.settings.min, estimate))
  return {
    ...state,
    ...changes,
    estimate: bounded,
    limit: clampLimit(state.settings, bounded),
    epoch: state.epoch + 1,
    startedInEpoch: 0,
    windowEnded: 0,
    epochEnded: 0,
    runningStarts: 0,
    runningStartSquares: 0,
    samples: keep ? state.samples : 0,
    latencySum: keep ? state.latencySum : 0,
    latencySquares: keep ? state.latencySquares : 0,
    peakInFlight: state.inFlight,
  }
}

/**
 * The window has ended: decide from its mean latency (gradient) or from its
 * successes alone (aimd). A gradient window that reads above the baseline but
 * cannot tell a queue from noise yet holds the limit, and its samples go on
 * counting in the next window, until they tell or number
 * {@link windowStretch} × the window: then it holds for good.
 */
const decide = (state: AdaptiveState): AdaptiveState => {
  const { settings } = state
  const demand = state.peakInFlight * 2 >= state.limit
  const grow = (changes: Partial<AdaptiveState> = {}): AdaptiveState =>
    !demand
      ? moveTo(state, state.estimate, { ...changes, reason: "hold" })
      : moveTo(state, state.probing ? state.estimate * 2 : state.estimate + 1, { ...changes, reason: "grow" })
  if (settings.algorithm === "aimd") return grow()

  const window = windowStats(state.samples, state.latencySum, state.latencySquares)
  const { mean } = window
  const spread = spreadWith(state.memory, window)
  // The window counts as a candidate of its own, not pooled into its limit's mean: a queue must not raise the baseline.
  const own = mean * (1 + margin(spread ?? 0, window.n, baselineConfidence))
  const baseline = Math.min(baselineOf(state.memory.levels, spread ?? 0) ?? own, own)
  const threshold = (1 + settings.tolerance) * baseline
  if (mean <= threshold) {
    const memory = remember(state.memory, state.limit, window, false)
    return grow({ memory, baseline: baselineOf(memory.levels, memory.spread), windowsAtMin: 0 })
  }
  // Above the tolerance: a queue only if the mean less its margin still is (no spread known yet: not sure).
  const sure = spread !== undefined && mean * (1 - margin(spread, window.n)) > threshold
  if (!sure) {
    if (window.n < windowStretch * Math.ceil(state.limit / 2)) {
      return moveTo(state, state.estimate, { reason: "hold" }, true)
    }
    const memory = remember(state.memory, state.limit, window, false)
    return moveTo(state, state.estimate, { memory, baseline: baselineOf(memory.levels, memory.spread), reason: "hold" })
  }
  const memory = remember(state.memory, state.limit, window, true)
  const factor = Math.max(0.5, threshold / mean)
  if (state.limit === settings.min) {
    const windowsAtMin = state.windowsAtMin + 1
    if (windowsAtMin >= 5) {
      const again = restartFrom(memory, state.limit, window)
      const baseline = baselineOf(again.levels, again.spread)
      return moveTo(state, state.estimate, {
        memory: again,
        baseline,
        windowsAtMin: 0,
        probing: false,
        reason: "baseline reset",
      })
    }
    return moveTo(state, state.estimate, { memory, baseline, windowsAtMin, probing: false, reason: "queue" })
  }
  return moveTo(state, state.estimate * factor, {
    memory,
    baseline,
    windowsAtMin: 0,
    probing: false,
    reason: "queue",
    cutEpoch: state.epoch + 1,
  })
}

/** The task of `ticket` ended at `now` with `outcome`. */
export const ended = (state: AdaptiveState, ticket: Ticket, now: number, outcome: Outcome): AdaptiveState => {
  const after: AdaptiveState = { ...state, inFlight: state.inFlight - 1 }
  // An overload cuts unless a cut came after the task started: a limit that only grew since is still too high.
  if (outcome === "overload" && ticket.epoch >= state.cutEpoch) {
    return moveTo(after, state.estimate * state.settings.backoff, {
      probing: false,
      reason: "overload",
      cutEpoch: state.epoch + 1,
    })
  }
  // Otherwise only the window speaks for the limit: the first ⌈limit / 2⌉ tasks started under it, whatever
  // their latency (the first to end would be the fastest: a window of them reads a noisy service too quiet).
  if (ticket.epoch !== state.epoch) return after
  const size = Math.ceil(state.limit / 2)
  const epochEnded = after.epochEnded + 1
  const inWindow = ticket.index < size
  const windowEnded = after.windowEnded + (inWindow ? 1 : 0)
  const latency = now - ticket.startedAt
  const at = ticket.startedAt
  const running = inWindow
    ? { runningStarts: after.runningStarts - at, runningStartSquares: after.runningStartSquares - at * at }
    : {}
  const window: AdaptiveState = inWindow && outcome === "success"
    ? {
      ...after,
      ...running,
      epochEnded,
      windowEnded,
      samples: after.samples + 1,
      latencySum: after.latencySum + latency,
      latencySquares: after.latencySquares + latency * latency,
    }
    : { ...after, ...running, epochEnded, windowEnded }
  if (windowEnded < size) {
    // If some of the window's tasks straggle (a task retrying a refusal for seconds), the window ends once the
    // epoch has ended windowStretch times as many tasks, the stragglers counted at the time they have taken so far.
    if (epochEnded < windowStretch * size) return window
    const pending = size - windowEnded
    return decide({
      ...window,
      samples: window.samples + pending,
      latencySum: window.latencySum + pending * now - window.runningStarts,
      latencySquares: window.latencySquares + pending * now * now - 2 * now * window.runningStarts +
        window.runningStartSquares,
    })
  }
  // A window of failures alone measured nothing: the limit holds.
  return window.samples === 0 ? moveTo(window, window.estimate, { reason: "hold" }) : decide(window)
}
