/**
 * A one-line progress bar on stderr, redrawn in place. Disabled (a no-op) when
 * stderr is not a terminal or the output is JSON, so logs and pipes stay clean.
 */
import { Effect } from "effect"
import type { ItemDone } from "../sync/syncProductStatus.ts"

export interface ProgressBar {
  readonly update: (event: ItemDone) => Effect.Effect<void>
  readonly clear: Effect.Effect<void>
}

const width = 30

export const renderBar = (done: number, total: number, failed: number): string => {
  const ratio = total === 0 ? 1 : done / total
  const filled = Math.round(ratio * width)
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(ratio * 100)}% ${done}/${total}` +
    (failed > 0 ? `, ${failed} failed` : "")
}

export const makeProgressBar = (options: { readonly enabled: boolean }): ProgressBar => {
  if (!options.enabled) return { update: () => Effect.void, clear: Effect.void }
  let failed = 0
  let lastPercent = -1
  return {
    update: (event) =>
      Effect.sync(() => {
        if (event.outcome === "failed") failed++
        const percent = Math.floor((event.done / Math.max(event.total, 1)) * 100)
        // Redraw on each new percent only: a million items must not mean a million writes.
        if (percent === lastPercent && event.done !== event.total) return
        lastPercent = percent
        process.stderr.write(`\r${renderBar(event.done, event.total, failed)}`)
      }),
    clear: Effect.sync(() => {
      if (lastPercent >= 0) process.stderr.write("\r\x1b[2K")
    }),
  }
}
