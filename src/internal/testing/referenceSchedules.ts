/**
 * Reference schedules, computed by hand rather than by running anything: what
 * a pool and what fixed chunks should do with tasks of known durations.
 *
 * @internal
 */

export const greedyStarts = (durations: ReadonlyArray<number>, limit: number): Array<number> => {
  const freeAt = new Array<number>(Math.max(1, Math.min(limit, durations.length))).fill(0)
  return durations.map((duration) => {
    let slot = 0
    for (let i = 1; i < freeAt.length; i++) if (freeAt[i]! < freeAt[slot]!) slot = i
    const start = freeAt[slot]!
    freeAt[slot] = start + duration
    return start
  })
}

export const chunkedStarts = (durations: ReadonlyArray<number>, chunkSize: number): Array<number> => {
  const starts: Array<number> = []
  let chunkStart = 0
  for (let i = 0; i < durations.length; i += chunkSize) {
    let longest = 0
    for (let j = i; j < Math.min(i + chunkSize, durations.length); j++) {
      starts.push(chunkStart)
      longest = Math.max(longest, durations[j]!)
    }
    chunkStart += longest
  }
  return starts
}

export const makespanOf = (starts: ReadonlyArray<number>, durations: ReadonlyArray<number>): number => {
  let end = 0
  for (let i = 0; i < starts.length; i++) end = Math.max(end, starts[i]! + durations[i]!)
  return end
}
