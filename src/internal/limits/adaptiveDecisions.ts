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
 *   reaction to overloads on top. It keeps the lowest mean latency it has seen
 *   (the baseline: the service with no queue) and, once per window, compares
 *   the window's mean latency with it. Latency within `tolerance` of the
 *   baseline means no queue: the limit grows. More means a queue has formed:
 *   the limit is multiplied by `(1 + tolerance) × baseline / latency` (never
 *   by less than 0.5), which is where Little's law puts the service's
 *   capacity: a service that serves C at once with latency W0 shows latency
 *   W0 × L / C at L in flight, so the factor brings L back to about
 *   (1 + tolerance) × C.
 *
 * Growth has two speeds, as TCP's: while `probing` (from the start until the
 * first sign of a queue or an overload) the limit doubles each window; after
 * that it grows by one per window. A window is one round of the current
 * limit: it closes when ⌈limit / 2⌉ tasks started under the current limit
 * have succeeded, so each decision sees only tasks that ran under the limit
 * before it (an epoch), never a mix. An overload cuts unless a cut came after
 * its task started: refusals of tasks started before a cut do not cut again,
 * while a refusal of a task started before the limit merely grew does (the
 * limit it grew from was already too high).
 *
 * The baseline only goes down, unless the limit has sat at `min` for 5
 * windows in a row with latency still above it: then the service itself has
 * become slower (not queued), and the baseline is reset to what it shows now
 * (Envoy re-measures its minRTT in the same case).
 *
 * @internal
 */

/** How a task ended, for the limit: a success (its latency counts), an overload, or another failure (ignored). */
export type Outcome = "success" | "overload" | "failure"

export type Algorithm = "gradient" | "aimd"

/** Checked settings (adaptiveOptions.ts checks what a caller gives). */
export interface AdaptiveSettings {
  readonly algorithm: Algorithm
  /** The limit never goes below this (a whole number ≥ 1). */
  readonly min: number
  /** The limit never goes above this (a whole number ≥ min). */
  readonly max: number
  /** Where it starts (min ≤ initial ≤ max). */
  readonly initial: number
  /** The factor an overload multiplies the limit by: above 0, below 1. */
  readonly backoff: number
  /** Latency above the baseline still read as "no queue", as a fraction (gradient only): ≥ 0. */
  readonly tolerance: number
}

/** What `started` hands back, and `ended` takes: when the task started, under which epoch. */
export interface Ticket {
  readonly startedAt: number
  readonly epoch: number
}

export interface AdaptiveState {
  readonly settings: AdaptiveSettings
  /** The concurrency to use now: the estimate, rounded, within [min, max]. */
  readonly limit: number
  /** The unrounded estimate. */
  readonly estimate: number
  /** Doubling each window until the first queue or overload. */
  readonly probing: boolean
  /** Bumped at every change of the limit: tasks started before it do not speak for the new limit. */
  readonly epoch: number
  /** The epoch the last cut (a queue or an overload) began: an overload of a task started since then still cuts. */
  readonly cutEpoch: number
  readonly inFlight: number
  /** Successes of this epoch so far, their summed latency, and the most in flight meanwhile. */
  readonly samples: number
  readonly latencySum: number
  readonly peakInFlight: number
  /** The lowest window mean latency seen (ms), once a window has closed. */
  readonly baseline: number | undefined
  /** Windows in a row that ended at `min` with a queue showing. */
  readonly windowsAtMin: number
  /** Why the limit last changed: for reports and pictures. */
  readonly reason: Reason
}

export type Reason = "start" | "grow" | "queue" | "overload" | "baseline reset" | "hold"

const clampLimit = (settings: AdaptiveSettings, estimate: number): number =>
  Math.min(settings.max, Math.max(settings.min, Math.round(estimate)))

/** The state before any task has run. */
export const initialState = (settings: AdaptiveSettings): AdaptiveState => ({
  settings,
  limit: settings.initial,
  estimate: settings.initial,
  probing: true,
  epoch: 0,
  cutEpoch: 0,
  inFlight: 0,
  samples: 0,
  latencySum: 0,
  peakInFlight: 0,
  baseline: undefined,
  windowsAtMin: 0,
  reason: "start",
})

/** A task started at `now`: count it in flight, and remember its epoch. */
export const started = (state: AdaptiveState, now: number): readonly [AdaptiveState, Ticket] => {
  const inFlight = state.inFlight + 1
  return [
    { ...state, inFlight, peakInFlight: Math.max(state.peakInFlight, inFlight) },
    { startedAt: now, epoch: state.epoch },
  ]
}

/** A new epoch at `estimate`: the window starts empty. */
const moveTo = (state: AdaptiveState, estimate: number, changes: Partial<AdaptiveState>): AdaptiveState => {
  const bounded = Math.min(state.settings.max, Math.max(state.settings.min, estimate))
  return {
    ...state,
    ...changes,
    estimate: bounded,
    limit: clampLimit(state.settings, bounded),
    epoch: state.epoch + 1,
    samples: 0,
    latencySum: 0,
    peakInFlight: state.inFlight,
  }
}

/** The window is full: decide from its mean latency (gradient) or from its successes alone (aimd). */
const decide = (state: AdaptiveState): AdaptiveState => {
  const { settings } = state
  const mean = state.latencySum / state.samples
  const demand = state.peakInFlight * 2 >= state.limit
  const grow = (): AdaptiveState =>
    !demand
      ? moveTo(state, state.estimate, { reason: "hold" })
      : moveTo(state, state.probing ? state.estimate * 2 : state.estimate + 1, { reason: "grow" })
  if (settings.algorithm === "aimd") return grow()

  const baseline = Math.min(state.baseline ?? mean, mean)
  const factor = Math.max(0.5, (1 + settings.tolerance) * baseline / mean)
  if (factor >= 1) return { ...grow(), baseline, windowsAtMin: 0 }
  if (state.limit === settings.min) {
    const windowsAtMin = state.windowsAtMin + 1
    return windowsAtMin >= 5
      ? moveTo(state, state.estimate, { baseline: mean, windowsAtMin: 0, probing: false, reason: "baseline reset" })
      : moveTo(state, state.estimate, { baseline, windowsAtMin, probing: false, reason: "queue" })
  }
  return moveTo(state, state.estimate * factor, {
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
  // Otherwise only tasks started under the current limit speak for it.
  if (ticket.epoch !== state.epoch) return after
  if (outcome === "overload") return after
  if (outcome === "failure") return after
  const samples = after.samples + 1
  const latencySum = after.latencySum + (now - ticket.startedAt)
  const window = { ...after, samples, latencySum }
  return samples >= Math.ceil(state.limit / 2) ? decide(window) : window
}
