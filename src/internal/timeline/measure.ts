/**
 * Sizes read off a list of spans in one pass. Loops, not `Math.max(...spans)`:
 * spreading a few hundred thousand arguments overflows the call stack.
 *
 * @internal
 */
import type { Span, Timeline } from "../../timeline/Timeline.ts"

/** When the last of `spans` ended; 0 when there are none. */
export const latestEnd = (spans: ReadonlyArray<Span>): number => {
  let latest = 0
  for (const span of spans) if (span.end > latest) latest = span.end
  return latest
}

/** The highest slot any of `spans` ran in; 0 when there are none. */
export const highestSlot = (spans: ReadonlyArray<Span>): number => {
  let highest = 0
  for (const span of spans) if (span.slot > highest) highest = span.slot
  return highest
}

/** Start times by input index. */
export const startsByIndex = (timeline: Timeline): Array<number | undefined> => {
  const starts: Array<number | undefined> = []
  for (const span of timeline.spans) starts[span.index] = span.start
  return starts
}

/** The spans from position `start` up to `end`, as a timeline of their own. */
export const sliceTimeline = (timeline: Timeline, start: number, end?: number): Timeline => {
  const spans = timeline.spans.slice(start, end)
  return { spans, makespan: latestEnd(spans), peakInFlight: highestSlot(spans) }
}
