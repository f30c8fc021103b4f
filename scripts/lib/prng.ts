/**
 * Seeded randomness for workloads: the same seed gives the same durations in
 * every process, so a child process and its parent agree on a workload.
 */

/** mulberry32: a small, fast 32-bit PRNG. Returns floats in [0, 1). */
export const prng = (seed: number): () => number => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A standard normal draw (Box–Muller), from two uniform draws. */
const normal = (random: () => number): number => {
  const u = 1 - random() // (0, 1]: log(u) is finite
  const v = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/**
 * `n` log-normal durations in whole milliseconds (≥ 1): the median task takes
 * `medianMs`, and `sigma` sets how long the tail is (0.8: a few tasks run 5–10×
 * the median, like slow API calls).
 */
export const logNormalDurations = (seed: number, n: number, medianMs = 100, sigma = 0.8): Array<number> => {
  const random = prng(seed)
  return Array.from({ length: n }, () => Math.max(1, Math.round(medianMs * Math.exp(sigma * normal(random)))))
}

/** `n` durations drawn uniformly from [minMs, maxMs], in whole milliseconds. */
export const uniformDurations = (seed: number, n: number, minMs: number, maxMs: number): Array<number> => {
  const random = prng(seed)
  return Array.from({ length: n }, () => Math.round(minMs + (maxMs - minMs) * random()))
}
