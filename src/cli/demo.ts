/**
 * `poolwise demo`: the blog's workload (or yours) under chunked and pooled, live
 * on real timers, next to the exact virtual-time prediction.
 */
import { Command, Options } from "@effect/cli"
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
import { durationsFlag, integerFlag } from "./flags.ts"

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

/** The demo's report as text: a heading, then each strategy's chart and times. */
export const formatDemo = (plan: DemoPlan, runs: ReadonlyArray<DemoRun>): string => {
  const msPerCell = msPerCellFor(Math.max(...runs.map((run) => run.live.makespan, 1)), 64)
  const lines = [
    `${plan.durations.length} tasks (${plan.durations.join(", ")} ms), real timers.`,
    "",
  ]
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

const concurrency = integerFlag("concurrency", "Tasks in flight at once for pooled.", { min: 1, default: 2 })
const chunkSize = integerFlag("chunk-size", "Items per chunk for chunked.", { min: 1, default: "the concurrency" })
const durations = durationsFlag("durations", "Task durations in ms. Default: 100,300,200 (the blog's workload).").pipe(
  Options.optional,
)

/** Reads the flags into a plan, filling the seed's defaults. */
export const demoPlan = (flags: {
  readonly concurrency: Option.Option<number>
  readonly chunkSize: Option.Option<number>
  readonly durations: Option.Option<ReadonlyArray<number>>
}): DemoPlan => {
  const limit = Option.getOrElse(flags.concurrency, () => 2)
  return {
    durations: Option.getOrElse(flags.durations, () => blogWorkload.map((lookup) => lookup.time)),
    concurrency: limit,
    chunkSize: Option.getOrElse(flags.chunkSize, () => limit),
  }
}

/** Shows a plan live: both timelines, their times and the prediction. */
export const showDemo = (plan: DemoPlan) => Effect.tap(runDemo(plan), (runs) => Console.log(formatDemo(plan, runs)))

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

const svg = Options.file("svg", { exists: "either" }).pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("Also write both schedules as an SVG picture (the one in docs/images) to FILE."),
  Options.optional,
)

export const demoCommand = Command.make(
  "demo",
  { concurrency, chunkSize, durations, svg },
  (flags) => {
    const plan = demoPlan(flags)
    return Effect.flatMap(showDemo(plan), (runs) =>
      Option.match(flags.svg, {
        onNone: () => Effect.void,
        onSome: (file) =>
          Effect.flatMap(FileSystem.FileSystem, (fs) => fs.writeFileString(file, demoSvg(plan, runs))).pipe(
            Effect.zipRight(Console.log(`wrote ${file}: the TestClock schedules of both strategies`)),
          ),
      }))
  },
).pipe(
  Command.withDescription(
    "Run a workload under chunked and pooled on real timers and draw both schedules. Default: the blog's workload, 100/300/200 ms with a limit of 2.",
  ),
)
