/**
 * Every workload the benchmark runs, built from seeds so that the process that
 * predicts (virtual time) and the one that measures (live timers) agree.
 */
import { logNormalDurations, uniformDurations } from "../../scripts/lib/prng.ts"

/** The seed's own workload: 100, 300 and 200 ms at a limit of 2. */
export const blogWorkload = { durations: [100, 300, 200], limit: 2 } as const

/** Random workloads: n tasks, log-normal durations, at each of these limits. */
export const randomWorkload = { n: 1_000, limits: [2, 8, 32], medianMs: 100, sigma: 0.8 } as const

export const randomDurations = (seed: number): Array<number> =>
  logNormalDurations(seed, randomWorkload.n, randomWorkload.medianMs, randomWorkload.sigma)

/** The blog's anchor: 1,000 tasks of 0.5–2 s at a limit of 50 (39.4 s chunked vs 26.4 s pooled). */
export const anchor = {
  n: 1_000,
  minMs: 500,
  maxMs: 2_000,
  limit: 50,
  blog: { chunkedS: 39.4, pooledS: 26.4 },
} as const

export const anchorDurations = (seed: number, scale = 1): Array<number> =>
  uniformDurations(seed, anchor.n, anchor.minMs * scale, anchor.maxMs * scale)

/** The anchor shrunk 100× (5–20 ms tasks) so it runs on real timers in about a second. */
export const liveAnchorScale = 0.01
export const liveAnchorSeed = 1
