/**
 * What recording a run costs: the same tasks through `pooled` (concurrency 8),
 * once as they are and once wrapped by `withTimeline`, which also reads the
 * finished timeline (sorted spans, makespan, peak).
 *
 * Two kinds of task: promise tasks (an async function that resolves at once,
 * the cheapest real I/O) and trivial ones (`Effect.succeed`), where the task
 * costs almost nothing and the figure is the recorder's own price. Recorded
 * and unrecorded runs take turns after warm-up; each figure is a median of
 * wall-clock times. At the largest size the per-task cost shows whether
 * recording stays linear.
 */
import { Effect } from "effect"
import { pooled, type Task, withTimeline } from "poolwise"
import { median, round } from "./lib/stats.ts"

const concurrency = 8

const kinds = {
  promise: (n: number) => Effect.promise(() => Promise.resolve(n)),
  trivial: (n: number) => Effect.succeed(n),
} satisfies Record<string, Task<number, number, never, never>>

type Kind = keyof typeof kinds

const run = async (items: ReadonlyArray<number>, task: Task<number, number, never, never>, recorded: boolean) => {
  if (!recorded) return Effect.runPromise(pooled(items, task, { concurrency }))
  const [results, timeline] = await Effect.runPromise(withTimeline(task, (t) => pooled(items, t, { concurrency })))
  if (timeline.spans.length !== items.length) throw new Error(`recorded ${timeline.spans.length} of ${items.length}`)
  return results
}

export interface RecorderCost {
  readonly kind: Kind
  readonly tasks: number
  readonly rounds: number
  /** Median wall-clock time of a run. */
  readonly ms: { readonly unrecorded: number; readonly recorded: number }
  /** Median CPU time of a run (all threads): steadier than wall time on a busy machine. */
  readonly cpuMs: { readonly unrecorded: number; readonly recorded: number }
  /** recorded / unrecorded, wall-clock. */
  readonly ratio: number
  /** recorded / unrecorded, CPU time. */
  readonly cpuRatio: number
  /** What recording adds per task, in µs of wall-clock time. */
  readonly usPerTask: number
}

type Samples = Record<"unrecorded" | "recorded", Array<number>>

const measure = async (kind: Kind, tasks: number, warmup: number, rounds: number): Promise<RecorderCost> => {
  const items = Array.from({ length: tasks }, (_, i) => i)
  const wall: Samples = { unrecorded: [], recorded: [] }
  const cpu: Samples = { unrecorded: [], recorded: [] }
  for (let r = 0; r < warmup + rounds; r++) {
    // Alternate which goes first, so a slow moment does not always hit the same side.
    for (const recorded of r % 2 === 0 ? [false, true] : [true, false]) {
      const cpuBefore = process.cpuUsage()
      const start = performance.now()
      await run(items, kinds[kind], recorded)
      const ms = performance.now() - start
      const { user, system } = process.cpuUsage(cpuBefore)
      if (r < warmup) continue
      wall[recorded ? "recorded" : "unrecorded"].push(ms)
      cpu[recorded ? "recorded" : "unrecorded"].push((user + system) / 1000)
    }
  }
  const medians = (samples: Samples) => ({
    unrecorded: round(median(samples.unrecorded), 1),
    recorded: round(median(samples.recorded), 1),
  })
  const ms = medians(wall)
  const cpuMs = medians(cpu)
  return {
    kind,
    tasks,
    rounds,
    ms,
    cpuMs,
    ratio: round(ms.recorded / ms.unrecorded, 2),
    cpuRatio: round(cpuMs.recorded / cpuMs.unrecorded, 2),
    usPerTask: round(((ms.recorded - ms.unrecorded) * 1000) / tasks, 3),
  }
}

/**
 * 100,000 tasks (10,000 in quick mode) of each kind, then ten times as many:
 * if recording is linear, its cost per task stays the same.
 */
export const recorderCost = async (quick: boolean) => {
  const tasks = quick ? 10_000 : 100_000
  const runs: Array<RecorderCost> = []
  for (const kind of ["promise", "trivial"] as const) {
    runs.push(await measure(kind, tasks, quick ? 1 : 2, quick ? 3 : 7))
    runs.push(await measure(kind, tasks * 10, quick ? 0 : 1, quick ? 1 : 3))
  }
  return { concurrency, tasks, target: 3, runs }
}
