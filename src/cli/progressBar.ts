/**
 * A one-line progress bar on stderr, redrawn in place from the job's progress
 * snapshots (the same figures `makeProgress` gives any service). Disabled (a
 * no-op) when stderr is not a terminal or the output is JSON, so logs and
 * pipes stay clean.
 */
import { Effect } from "effect"
import type { ProgressSnapshot } from "../progress/Progress.ts"

export interface ProgressBar {
  readonly draw: (snapshot: ProgressSnapshot) => Effect.Effect<void>
  readonly clear: Effect.Effect<void>
}

const width = 30

/** `[#########.....] 42% 420/1000, 3 failed, 10 in flight` */
export const renderBar = (done: number, total: number, failed: number, inFlight = 0): string => {
  const ratio = total === 0 ? 1 : done / total
  const filled = Math.round(ratio * width)
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(ratio * 100)}% ${done}/${total}` +
    (failed > 0 ? `, ${failed} failed` : "") + (inFlight > 0 ? `, ${inFlight} in flight` : "")
}

export const makeProgressBar = (options: {
  readonly enabled: boolean
  /** More to show at the end of the line, read at each redraw (e.g. an adaptive limit's value). */
  readonly detail?: (() => string | undefined) | undefined
}): ProgressBar => {
  if (!options.enabled) return { draw: () => Effect.void, clear: Effect.void }
  let last = ""
  let drawn = false
  return {
    draw: (snapshot) =>
      Effect.sync(() => {
        // Redraw on each new percent (or failure count) only: a million items must not mean a million writes.
        const key = `${snapshot.percent}/${snapshot.failed}`
        if (key === last && snapshot.finished !== snapshot.total) return
        last = key
        drawn = true
        const detail = options.detail?.()
        process.stderr.write(
          `\r\x1b[2K${renderBar(snapshot.finished, snapshot.total, snapshot.failed, snapshot.inFlight)}` +
            (detail === undefined ? "" : `, ${detail}`),
        )
      }),
    clear: Effect.sync(() => {
      if (drawn) process.stderr.write("\r\x1b[2K")
    }),
  }
}
