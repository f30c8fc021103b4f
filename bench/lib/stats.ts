/** Small statistics for noisy measurements: medians and worst cases, not means. */

export const median = (values: ReadonlyArray<number>): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const max = (values: ReadonlyArray<number>): number => values.reduce((a, b) => Math.max(a, b), -Infinity)

export const sum = (values: ReadonlyArray<number>): number => values.reduce((a, b) => a + b, 0)

/** Rounds for the report: `digits` decimals. */
export const round = (value: number, digits = 2): number => {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/**
 * The ideal makespan no schedule can beat with `limit` slots: the work spread
 * perfectly over every slot, or the longest single task, whichever is larger.
 */
export const lowerBound = (durations: ReadonlyArray<number>, limit: number): number =>
  Math.max(sum(durations) / limit, max(durations))
