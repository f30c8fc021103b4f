/**
 * `poolwise demo`: the blog's workload (or yours) under chunked and pooled, live
 * on real timers, next to the exact virtual-time prediction.
 */
import { FileSystem } from "@effect/platform"
import { Console, Effect, Option } from "effect"
import { chunked } from "../strategies/chunked.ts"
import { pooled } from "../strategies/pooled.ts"
import type { Task } from "../strategies/Runner.ts"
import { msPerCellFor } from "../internal/timeline/gantt.ts"
import { renderGantt } from "../timeline/gantt.ts"
import { renderChunkedVsPooled } from "../timeline/svg.ts"
import { withTimeline } from "../timeline/recorder.ts"
import type { Timeline } from "../timeline/Timeline.ts"
import { blogWorkload } from "../fixtures/users.ts"
import { predictTimeline } from "../testing/predict.ts"

/** What the demo compares: a workload and the limit both strategies get. */
export interface DemoPlan {
  readonly durations: ReadonlyArray<number>
  readonly concurrency: number
  readonly chunkSize: number
}

/** One strategy's run: the schedule it produced live, and the one predicted in virtual time. */
export interface DemoRun {
  readonly strategy: "chunked" | "pooled"
  readonly live: Timeline
  readonly predicted: Timeline
}

const sleepTask: Task<number, void, never, never> = (ms) => Effect.sleep(ms)
const label = (ms: number, index: number) => `${index + 1}:${ms}`

const runner = (plan: DemoPlan, strategy: DemoRun["strategy"]) => (task: Task<number, void, never, never>) =>
  strategy === "pooled"
    ? pooled(plan.durations, task, { concurrency: plan.concurrency })
    : chunked(plan.durations, task, { chunkSize: plan.chunkSize })

const live = (plan: DemoPlan, strategy: DemoRun["strategy"]) =>
  Effect.map(withTimeline(sleepTask, runner(plan, strategy), label), ([, timeline]) => timeline)

// In virtual time, isolated from the live run that follows (see inVirtualTime).
const predicted = (plan: DemoPlan, strategy: DemoRun["strategy"]) =>
  Effect.map(
    predictTimeline((probe) => runner(plan, strategy)(probe.task(sleepTask, label))),
    ([, timeline]) => timeline,
  )

/** Runs both strategies live and in virtual time. */
export const runDemo = (plan: DemoPlan) =>
  Effect.forEach(
    ["chunked", "pooled"] as const,
    (strategy) =>
      Effect.all({ predicted: predicted(plan, strategy), live: live(plan, strategy) }).pipe(
        Effect.map(({ live, predicted }): DemoRun => ({ strategy, live, predicted })),
      ),
  )

/** The demo's first line, printed before the runs start: what runs, on what timers. */
export const demoHeading = (plan: DemoPlan): string =>
  `${plan.durations.length} tasks (${plan.durations.join(", ")} ms), real timers.`

/** The demo's report as text, below its heading: each strategy's chart and times. */
export const formatDemo = (plan: DemoPlan, runs: ReadonlyArray<DemoRun>): string => {
  const msPerCell = msPerCellFor(Math.max(...runs.map((run) => run.live.makespan, 1)), 64)
  const lines = [""]
  for (const run of runs) {
    const limit = run.strategy === "pooled" ? `concurrency ${plan.concurrency}` : `chunkSize ${plan.chunkSize}`
    lines.push(
      `${run.strategy} (${limit}): ${run.live.makespan} ms measured, ${run.predicted.makespan} ms predicted by TestClock`,
      renderGantt(run.live, { msPerCell }),
      "",
    )
  }
  const [slow, fast] = runs
  if (slow && fast && fast.live.makespan > 0) {
    lines.push(
      `pooled finished ${
        (slow.live.makespan / fast.live.makespan).toFixed(2)
      }× sooner: a freed slot takes the next task at once instead of waiting for its chunk.`,
    )
  }
  return lines.join("\n")
}

/** The plan for these limits, over `durations` or else the blog's workload (100, 300, 200 ms). */
export const demoPlan = (limits: {
  readonly concurrency: number
  readonly chunkSize: number
  readonly durations: Option.Option<ReadonlyArray<number>>
}): DemoPlan => ({
  durations: Option.getOrElse(limits.durations, () => blogWorkload.map((lookup) => lookup.time)),
  concurrency: limits.concurrency,
  chunkSize: limits.chunkSize,
})

/** Shows a plan live: its heading at once, then both timelines, their times and the prediction. */
export const showDemo = (plan: DemoPlan) =>
  Console.log(demoHeading(plan)).pipe(
    Effect.zipRight(runDemo(plan)),
    Effect.tap((runs) => Console.log(formatDemo(plan, runs))),
  )

/**
 * The docs' picture for this plan: the TestClock schedules (exact, so the file
 * is the same on every run), chunked above pooled on one time scale.
 */
export const demoSvg = (plan: DemoPlan, runs: ReadonlyArray<DemoRun>): string => {
  const predicted = (strategy: DemoRun["strategy"]) => runs.find((run) => run.strategy === strategy)!.predicted
  return renderChunkedVsPooled({
    title: `${plan.durations.length} tasks (${plan.durations.join(", ")} ms)`,
    chunked: predicted("chunked"),
    chunkSize: plan.chunkSize,
    pooled: predicted("pooled"),
    concurrency: plan.concurrency,
  })
}

/** `poolwise demo`: the plan shown, and its picture written to `svg` when asked. */
export const demo = (plan: DemoPlan, svg: Option.Option<string>) =>
  Effect.flatMap(showDemo(plan), (runs) =>
    Option.match(svg, {
      onNone: () => Effect.void,
      onSome: (file) =>
        Effect.flatMap(FileSystem.FileSystem, (fs) => fs.writeFileString(file, demoSvg(plan, runs))).pipe(
          Effect.zipRight(Console.log(`wrote ${file}: the TestClock schedules of both strategies`)),
        ),
    }))
