/**
 * What recording a run costs: the same tasks through `pooled` (concurrency 8),
 * once as they are and once wrapped by a recorder (`makeRecorder`, what
 * `withTimeline` does), then reading the finished timeline (the spans in
 * order, the makespan, the peak) once.
 *
 * Two kinds of task: promise tasks (an async function that resolves at once,
 * the cheapest real I/O) and trivial ones (`Effect.succeed`), where the task
 * costs almost nothing and the figure is the recorder's own price. Recorded
 * and unrecorded runs take turns after warm-up; each figure is a median. CPU
 * time is reported next to wall-clock time: on a busy machine it is the
 * steadier of the two. At ten times the tasks the cost per task shows whether
 * recording stays linear.
 */
import { Effect } from "effect"
import { pooled, type Task } from "poolwise"
import { makeRecorder } from "poolwise/timeline"
import { median, round } from "./lib/stats.ts"

const concurrency = 8

const kinds = {
  promise: (n: number) => Effect.promise(() => Promise.resolve(n)),
  trivial: (n: number) => Effect.succeed(n),
} satisfies Record<string, Task<number, number, never, never>>

type Kind = keyof typeof kinds

/** Wall-clock and CPU milliseconds of `work` (awaited if it returns a promise). */
const timed = async (work: () => unknown) => {
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  await work()
  const ms = performance.now() - start
  const { user, system } = process.cpuUsage(cpuBefore)
  return { ms, cpuMs: (user + system) / 1000 }
}

const phases = ["unrecorded", "recorded", "read"] as const
type Phase = (typeof phases)[number]

/** One round: the plain run, and the recorded run followed by one read of its timeline. */
const oneRound = async (
  items: ReadonlyArray<number>,
  task: Task<number, number, never, never>,
  plainFirst: boolean,
) => {
  const unrecorded = () => timed(() => Effect.runPromise(pooled(items, task, { concurrency })))
  const recorded = async () => {
    const recorder = Effect.runSync(makeRecorder)
    const run = await timed(() => Effect.runPromise(pooled(items, recorder.record(task), { concurrency })))
    const read = await timed(() => {
      const timeline = Effect.runSync(recorder.timeline)
      if (timeline.spans.length !== items.length) {
        throw new Error(`recorded ${timeline.spans.length} of ${items.length}`)
      }
    })
    return { run, read }
  }
  if (plainFirst) {
    const plain = await unrecorded()
    return { plain, ...(await recorded()) }
  }
  const withRecorder = await recorded()
  return { plain: await unrecorded(), ...withRecorder }
}

export interface RecorderCost {
  readonly kind: Kind
  readonly tasks: number
  readonly rounds: number
  /** Median wall-clock ms: the run unrecorded, the run recorded, one read of the recorded timeline. */
  readonly ms: Record<Phase, number>
  /** The same in CPU ms (all threads). */
  readonly cpuMs: Record<Phase, number>
  /** Wall-clock: recorded run / unrecorded run, and (recorded run + read) / unrecorded run. */
  readonly ratio: number
  readonly ratioWithRead: number
  /** The same two ratios in CPU time. */
  readonly cpuRatio: number
  readonly cpuRatioWithRead: number
  /** What recording adds per task (run and read), in µs of wall-clock time. */
  readonly usPerTask: number
}

const measure = async (kind: Kind, tasks: number, warmup: number, rounds: number): Promise<RecorderCost> => {
  const items = Array.from({ length: tasks }, (_, i) => i)
  const wall: Record<Phase, Array<number>> = { unrecorded: [], recorded: [], read: [] }
  const cpu: Record<Phase, Array<number>> = { unrecorded: [], recorded: [], read: [] }
  for (let r = 0; r < warmup + rounds; r++) {
    // Alternate which goes first, so a slow moment does not always hit the same side.
    const { plain, run, read } = await oneRound(items, kinds[kind], r % 2 === 0)
    if (r < warmup) continue
    for (const [phase, sample] of [["unrecorded", plain], ["recorded", run], ["read", read]] as const) {
      wall[phase].push(sample.ms)
      cpu[phase].push(sample.cpuMs)
    }
  }
  const medians = (samples: Record<Phase, Array<number>>) =>
    Object.fromEntries(phases.map((phase) => [phase, round(median(samples[phase]), 1)])) as Record<Phase, number>
  const ms = medians(wall)
  const cpuMs = medians(cpu)
  return {
    kind,
    tasks,
    rounds,
    ms,
    cpuMs,
    ratio: round(ms.recorded / ms.unrecorded, 2),
    ratioWithRead: round((ms.recorded + ms.read) / ms.unrecorded, 2),
    cpuRatio: round(cpuMs.recorded / cpuMs.unrecorded, 2),
    cpuRatioWithRead: round((cpuMs.recorded + cpuMs.read) / cpuMs.unrecorded, 2),
    usPerTask: round(((ms.recorded + ms.read - ms.unrecorded) * 1000) / tasks, 3),
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
