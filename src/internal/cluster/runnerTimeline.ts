/**
 * A cluster run as the kit's `Timeline`: which pages ran on which runner and
 * when, the attempts a killed runner left cut off, and where those pages ran
 * again. Each runner gets its own group of rows (a runner runs several pages
 * at once), so `renderGantt` and `renderSvg` draw it as is.
 *
 * @internal
 */
import type { Outcome, Span, Timeline } from "../../timeline/Timeline.ts"
import { latestEnd } from "../timeline/measure.ts"
import type { PageAttempt } from "./records.ts"

/** Where cut-off attempts end on the chart. */
export interface RunnerTimelineOptions {
  /** When a runner's cut-off attempts stopped, by runner (`host:port`): e.g. when it was killed. */
  readonly cutOffAt?: ReadonlyMap<string, Date> | undefined
  /**
   * When the run ended. A cut-off attempt on a runner missing from `cutOffAt`
   * ends at that runner's last sign of life (its last ended attempt), else here.
   * Default: the latest time among the attempts.
   */
  readonly runEnd?: Date | undefined
}

/**
 * Which rows of the chart belong to a runner: slots `firstSlot` to `lastSlot`.
 * The renderers label rows "slot N" only, so print these beside the chart
 * (`runnerLegend`).
 */
export interface RunnerRows {
  readonly runner: string
  readonly firstSlot: number
  readonly lastSlot: number
}

/** The chart of a run, and which of its rows belong to which runner. */
export interface RunnerTimeline {
  readonly timeline: Timeline
  /** One entry per runner, in row order (runners sorted by name, ports numerically). */
  readonly rows: ReadonlyArray<RunnerRows>
}

const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true })

/** A cut-off attempt's end: the runner's stop if known, else its last sign of life, else the run's end. */
const cutOffEnd = (attempt: PageAttempt, attempts: ReadonlyArray<PageAttempt>, options: RunnerTimelineOptions) => {
  const known = options.cutOffAt?.get(attempt.runner)
  if (known !== undefined) return known.getTime()
  let lastSign: number | undefined
  for (const other of attempts) {
    if (other.runner !== attempt.runner || other.endedAt === null) continue
    lastSign = Math.max(lastSign ?? 0, other.endedAt.getTime())
  }
  if (lastSign !== undefined && lastSign > attempt.startedAt.getTime()) return lastSign
  if (options.runEnd !== undefined) return options.runEnd.getTime()
  let latest = 0
  for (const other of attempts) latest = Math.max(latest, other.startedAt.getTime(), other.endedAt?.getTime() ?? 0)
  return latest
}

/**
 * Turns the page attempts of a run into a `Timeline`: one bar per attempt,
 * labelled `p<page>`, times in ms since the first start. A runner's attempts
 * take its own lanes (lowest free lane first), and its lanes follow the
 * previous runner's: slot = runner's base + lane. An attempt cut off
 * (`endedAt` null) is `"interrupted"` and ends as {@link RunnerTimelineOptions}
 * says; one that failed products is `"failed"`.
 */
export const runnerTimeline = (
  attempts: ReadonlyArray<PageAttempt>,
  options: RunnerTimelineOptions = {},
): RunnerTimeline => {
  let origin = Infinity
  for (const attempt of attempts) origin = Math.min(origin, attempt.startedAt.getTime())
  const runners = [...new Set(attempts.map((attempt) => attempt.runner))].sort(byName)
  const spans: Array<Span> = []
  const rows: Array<RunnerRows> = []
  let base = 0
  for (const runner of runners) {
    const own = attempts
      .map((attempt, index) => ({ attempt, index }))
      .filter(({ attempt }) => attempt.runner === runner)
      .sort((a, b) => a.attempt.startedAt.getTime() - b.attempt.startedAt.getTime() || a.index - b.index)
    const laneFreeAt: Array<number> = []
    for (const { attempt, index } of own) {
      const start = attempt.startedAt.getTime() - origin
      const ended = attempt.endedAt?.getTime() ?? cutOffEnd(attempt, attempts, options)
      const end = Math.max(start, ended - origin)
      let lane = laneFreeAt.findIndex((freeAt) => freeAt <= start)
      if (lane === -1) lane = laneFreeAt.length
      laneFreeAt[lane] = end
      const outcome: Outcome = attempt.endedAt === null
        ? "interrupted"
        : (attempt.failed ?? 0) > 0
        ? "failed"
        : "succeeded"
      spans.push({ index, label: `p${attempt.page}`, slot: base + lane + 1, start, end, outcome })
    }
    rows.push({ runner, firstSlot: base + 1, lastSlot: base + laneFreeAt.length })
    base += laneFreeAt.length
  }
  spans.sort((a, b) => a.start - b.start || a.slot - b.slot)
  return { timeline: { spans, makespan: latestEnd(spans), peakInFlight: peakInFlight(spans) }, rows }
}

/** The most spans in flight at once, all runners together (a span ending at t frees its place for one starting at t). */
const peakInFlight = (spans: ReadonlyArray<Span>): number => {
  const events = spans.flatMap((span) => [[span.start, 1], [span.end, -1]] as const)
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let now = 0
  let peak = 0
  for (const [, delta] of events) peak = Math.max(peak, now += delta)
  return peak
}

/** The rows as one line to print under a chart: `slots 1-2: host:port · …`. */
export const runnerLegend = (rows: ReadonlyArray<RunnerRows>): string =>
  rows.map((row) =>
    row.firstSlot === row.lastSlot
      ? `slot ${row.firstSlot}: ${row.runner}`
      : `slots ${row.firstSlot}-${row.lastSlot}: ${row.runner}`
  ).join(" · ")
