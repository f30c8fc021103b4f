/**
 * A cluster run as the kit's `Timeline`: which pages ran on which runner and
 * when, the attempts a killed runner left cut off, and where those pages ran
 * again. Each runner gets its own group of rows, so the timeline's
 * renderers (`renderGantt`, `renderSvg`) draw it as is.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/cluster/runnerTimeline.ts"

/**
 * The chart of a run (`timeline`), and which of its rows belong to which
 * runner (`rows`: slots `firstSlot` to `lastSlot`, for {@link runnerLegend}).
 *
 * @since 0.1.0
 * @category models
 */
export type RunnerTimeline = internal.RunnerTimeline

/**
 * Turns the page attempts of a run (`ClusterRuns.attempts`) into a
 * `Timeline`: one bar per attempt, labelled `p<page>`, times in ms since the
 * first start, each runner's attempts on its own rows. An attempt cut off
 * (`endedAt` null) is `"interrupted"` and ends when its runner stopped
 * (`cutOffAt`, by runner), else at the runner's last sign of life, else at
 * `runEnd`; one that failed products is `"failed"`.
 *
 * @example
 * ```ts
 * import { runnerLegend, runnerTimeline } from "poolwise/cluster"
 * import { renderGantt } from "poolwise/timeline"
 *
 * const at = (ms: number) => new Date(1_000_000 + ms)
 * const { timeline, rows } = runnerTimeline([
 *   { page: 0, runner: "a:1", startedAt: at(0), endedAt: at(100), updated: 25, failed: 0 },
 *   { page: 1, runner: "b:2", startedAt: at(0), endedAt: null, updated: null, failed: null },
 *   { page: 1, runner: "a:1", startedAt: at(150), endedAt: at(250), updated: 25, failed: 0 }
 * ], { cutOffAt: new Map([["b:2", at(50)]]) })
 * timeline.makespan // 250
 * timeline.spans.map((span) => `${span.label}@${span.slot}:${span.outcome}`)
 * // ["p0@1:succeeded", "p1@2:interrupted", "p1@1:succeeded"]
 * runnerLegend(rows) // "slot 1: a:1 · slot 2: b:2"
 * renderGantt(timeline, { msPerCell: 10 })
 * ```
 *
 * @since 0.1.0
 * @category rendering
 */
export const runnerTimeline: typeof internal.runnerTimeline = internal.runnerTimeline

/**
 * A timeline's rows as one line to print under its chart:
 * `slots 1-2: host:port · slot 3: host:port`.
 *
 * @since 0.1.0
 * @category rendering
 */
export const runnerLegend: typeof internal.runnerLegend = internal.runnerLegend
