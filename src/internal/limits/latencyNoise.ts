/**
 * What the latency gradient remembers of a service's latency, so that noise
 * does not read as a queue (adaptiveDecisions.ts uses it). Pure: no clock, no
 * effects.
 *
 * A service whose own latency varies from call to call (the job's simulated
 * supplier: ±50 % from product to product) makes every window mean noisy,
 * and the more so the fewer tasks a window holds. Taking the lowest window
 * mean for the baseline then takes an outlier: the quietest of many noisy
 * means sits well below the typical one, and every later window looks
 * queued. Two things fix it, and both vanish when the latency does not vary
 * (so a steady service is read exactly as before):
 *
 * - **the spread**: the relative variance of latency within windows (cv²),
 *   pooled over recent windows that did not show a queue, fading by
 *   {@link spreadFade} per window. A queue scales every latency alike, so the
 *   relative spread is the service's own and does not depend on the load;
 * - **levels and margins**: the mean of n samples is known within
 *   `z × cv / √n` (z = {@link confidence}). Every window's successes are
 *   pooled with the others run at the same limit, so each limit's mean
 *   latency grows more precise the longer the run visits it, and the
 *   baseline is the lowest of those means *plus its margin*: the lowest
 *   latency the service has surely shown. A minimum over windows would take
 *   the luckiest of ever more noisy means; a minimum over limits takes one
 *   of a bounded number of ever more precise ones. A window reads as queued
 *   only when its mean *minus its margin* is still above the baseline's
 *   tolerance; a window that cannot tell yet gathers more tasks (up to
 *   {@link windowStretch} × its size) before it holds.
 *
 * @internal
 */

/** How many standard errors a mean must clear: 2, about 98 % one-sided. */
export const confidence = 2
/**
 * The baseline's margin, wider: it is the lowest of many limits' means, and
 * the lowest of many noisy means is a lucky one (3 standard errors cover the
 * luckiest of about a hundred).
 */
export const baselineConfidence = 3
/** What the pooled spread keeps of its weight at each window: the last ten or so windows count. */
export const spreadFade = 0.9
/** A window that cannot tell a queue from noise gathers up to this many times its size before it holds. */
export const windowStretch = 4
/** Samples (less one per window) the spread must rest on before a window may read as queued: 8. */
export const spreadKnownAfter = 8
/** A limit's mean latency weighs at most this many successes, so it follows a service that changes. */
export const levelMemory = 1_000

/** What the successes of every window run under one limit showed: how many, and their mean latency. */
export interface Level {
  readonly n: number
  readonly mean: number
}

export interface LatencyMemory {
  /** `levels[L]`: the successes of the windows run at limit L (sparse: only the limits visited). */
  readonly levels: ReadonlyArray<Level | undefined>
  /** The pooled relative variance of latency within windows (cv²), and its (fading) weight: samples − 1, summed. */
  readonly spread: number
  readonly weight: number
}

export const emptyMemory: LatencyMemory = { levels: [], spread: 0, weight: 0 }

/** A window's samples: how many, their mean, and their relative variance (cv², undefined with one sample). */
export interface WindowStats {
  readonly n: number
  readonly mean: number
  readonly variance: number | undefined
}

/** The stats of a window from its count, sum and sum of squares. */
export const windowStats = (n: number, sum: number, squares: number): WindowStats => {
  const mean = sum / n
  const variance = n < 2 || mean <= 0 ? undefined : Math.max(0, (squares - n * mean * mean) / ((n - 1) * mean * mean))
  return { n, mean, variance }
}

/**
 * The spread to read this window with: the one remembered from windows that
 * showed no queue, once it rests on {@link spreadKnownAfter} samples; before
 * that, the window's own pooled in, if both together do; otherwise
 * undefined (a queue cannot be told from noise yet). A window's own spread
 * is not mixed into a known one: a queue forming (or a task retrying a
 * refusal) spreads latencies too, and must not read as noise.
 */
export const spreadWith = (memory: LatencyMemory, window: WindowStats): number | undefined => {
  if (memory.weight >= spreadKnownAfter) return memory.spread
  const own = window.variance === undefined ? 0 : window.n - 1
  const weight = memory.weight + own
  return weight < spreadKnownAfter ? undefined : (memory.spread * memory.weight + (window.variance ?? 0) * own) / weight
}

/** The relative margin of a mean of `n` samples under `spread`, at `z` standard errors. */
export const margin = (spread: number, n: number, z = confidence): number => z * Math.sqrt(spread / n)

/** The baseline: the lowest mean of any limit plus its margin. */
export const baselineOf = (levels: ReadonlyArray<Level | undefined>, spread: number): number | undefined => {
  let baseline: number | undefined
  for (const level of levels) {
    if (level === undefined) continue
    const surely = level.mean * (1 + margin(spread, level.n, baselineConfidence))
    if (baseline === undefined || surely < baseline) baseline = surely
  }
  return baseline
}

/** `levels` with this window, run at `limit`, counted in; a level keeps at most {@link levelMemory} samples' weight. */
export const levelsWith = (
  levels: ReadonlyArray<Level | undefined>,
  limit: number,
  window: WindowStats,
): ReadonlyArray<Level | undefined> => {
  const next = levels.slice()
  const level = levels[limit]
  const kept = level === undefined ? 0 : Math.min(level.n, levelMemory - window.n)
  const n = Math.max(0, kept) + window.n
  next[limit] = {
    n,
    mean: level === undefined || kept <= 0 ? window.mean : (level.mean * kept + window.mean * window.n) / n,
  }
  return next
}

/**
 * The memory after a decided window. A window that showed a queue is not
 * remembered: its limit's mean would then mix a quiet service with a queued
 * one, and a queue forming spreads latencies without noise.
 */
export const remember = (memory: LatencyMemory, limit: number, window: WindowStats, queued: boolean): LatencyMemory => {
  if (queued) return memory
  const levels = levelsWith(memory.levels, limit, window)
  if (window.variance === undefined) return { ...memory, levels }
  const kept = memory.weight * spreadFade
  const weight = kept + window.n - 1
  return { levels, weight, spread: (memory.spread * kept + window.variance * (window.n - 1)) / weight }
}

/** Only this window: the service itself has become slower, so what the limits showed before no longer holds. */
export const restartFrom = (memory: LatencyMemory, limit: number, window: WindowStats): LatencyMemory => ({
  ...memory,
  levels: levelsWith([], limit, window),
})
