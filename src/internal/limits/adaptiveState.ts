/**
 * What an adaptive limit's state machine holds (adaptiveDecisions.ts decides
 * from it): its checked settings, the state after each event, the ticket a
 * started task carries, and the state before any task has run.
 *
 * @internal
 */
import { emptyMemory, type LatencyMemory } from "./latencyNoise.ts"

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

/** What `started` hands back, and `ended` takes: when the task started, under which epoch, how many before it. */
export interface Ticket {
  readonly startedAt: number
  readonly index: number
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
  /** Tasks started under this epoch, and how many of the window's (the first ⌈limit / 2⌉) have ended. */
  readonly startedInEpoch: number
  readonly windowEnded: number
  /** Tasks of this epoch that have ended, in the window or not: a window waits for stragglers only so long. */
  readonly epochEnded: number
  /** The start times of the window's tasks still running, summed, and their squares: what a straggler has taken so far. */
  readonly runningStarts: number
  readonly runningStartSquares: number
  /** Successes of the window (and of windows held before it), their latencies summed, and squared. */
  readonly samples: number
  readonly latencySum: number
  readonly latencySquares: number
  readonly peakInFlight: number
  /** The latency with no queue (ms), once a window has closed, and what it comes from (latencyNoise.ts). */
  readonly baseline: number | undefined
  readonly memory: LatencyMemory
  /** Windows in a row that ended at `min` with a queue showing. */
  readonly windowsAtMin: number
  /** Why the limit last changed: for reports and pictures. */
  readonly reason: Reason
}

export type Reason = "start" | "grow" | "queue" | "overload" | "baseline reset" | "hold"

/** The state before any task has run. */
export const initialState = (settings: AdaptiveSettings): AdaptiveState => ({
  settings,
  limit: settings.initial,
  estimate: settings.initial,
  probing: true,
  epoch: 0,
  cutEpoch: 0,
  inFlight: 0,
  startedInEpoch: 0,
  windowEnded: 0,
  epochEnded: 0,
  runningStarts: 0,
  runningStartSquares: 0,
  samples: 0,
  latencySum: 0,
  latencySquares: 0,
  peakInFlight: 0,
  baseline: undefined,
  memory: emptyMemory,
  windowsAtMin: 0,
  reason: "start",
})
