/**
 * Reference schedules, used only to check the measured runs (the figures in
 * the report come from the kit's own runs under TestClock, never from here).
 */

/** Greedy list scheduling: each task, in input order, starts on the earliest free slot. */
export const greedyMakespan = (durations: ReadonlyArray<number>, limit: number): number => {
  const freeAt = new Array<number>(Math.min(limit, durations.length)).fill(0)
  for (const duration of durations) {
    let slot = 0
    for (let i = 1; i < freeAt.length; i++) if (freeAt[i]! < freeAt[slot]!) slot = i
    freeAt[slot]! += duration
  }
  return Math.max(0, ...freeAt)
}

/** Chunked: chunk k starts when chunk k-1's longest task ends. */
export const chunkedMakespan = (durations: ReadonlyArray<number>, chunkSize: number): number => {
  let total = 0
  for (let i = 0; i < durations.length; i += chunkSize) total += Math.max(...durations.slice(i, i + chunkSize))
  return total
}
