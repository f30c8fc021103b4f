/**
 * Effect's own concurrency tools at scale, on live timers: n tasks of 20 ms
 * through a limit of 20, so the ideal run takes n / 20 × 20 ms. Each tool is
 * proven to give the right schedule under TestClock (test/effect/); this
 * measures what it costs to get there as n grows.
 *
 * The tools that make every task wait on a semaphore (a `Semaphore` around an
 * unbounded run, Effect's `Pool`) fall behind as n grows: in effect 3.22 each
 * release wakes every waiter, so n waiters cost O(n²). The tools that keep n
 * tasks in a queue and only `limit` fibers running stay near the ideal.
 *
 * Each figure is the median of up to 3 rounds; a tool stops repeating once its
 * rounds at one size have used up the time budget, so a slow tool is measured
 * once rather than making the benchmark take minutes more.
 */
import { Array as Arr, Effect, Pool, Stream } from "effect"
import { pooled } from "poolwise"
import { median, round } from "./lib/stats.ts"

export const toolNames = [
  "pooled",
  "forEach",
  "streamUnordered",
  "streamOrdered",
  "chunked",
  "semaphore",
  "pool",
] as const
export type ToolName = (typeof toolNames)[number]

const limit = 20
const taskMs = 20
const task = () => Effect.sleep(taskMs)

/** Each tool runs `n` tasks of `taskMs` with at most `limit` in flight. */
const runs: Record<ToolName, (n: number) => Effect.Effect<unknown, unknown>> = {
  pooled: (n) => pooled(Arr.range(1, n), task, { concurrency: limit }),
  forEach: (n) => Effect.forEach(Arr.range(1, n), task, { concurrency: limit, discard: true }),
  streamUnordered: (n) =>
    Stream.runDrain(Stream.mapEffect(Stream.range(1, n), task, { concurrency: limit, unordered: true })),
  streamOrdered: (n) => Stream.runDrain(Stream.mapEffect(Stream.range(1, n), task, { concurrency: limit })),
  chunked: (n) =>
    Effect.forEach(
      Arr.chunksOf(Arr.range(1, n), limit),
      (chunk) => Effect.forEach(chunk, task, { concurrency: "unbounded", discard: true }),
      { discard: true },
    ),
  semaphore: (n) =>
    Effect.flatMap(
      Effect.makeSemaphore(limit),
      (permits) =>
        Effect.forEach(Arr.range(1, n), () => permits.withPermits(1)(task()), {
          concurrency: "unbounded",
          discard: true,
        }),
    ),
  pool: (n) =>
    Effect.scoped(
      Effect.flatMap(Pool.make({ acquire: Effect.succeed({}), size: limit }), (pool) =>
        Effect.forEach(Arr.range(1, n), () =>
          Effect.scoped(Effect.zipRight(Pool.get(pool), task())), {
          concurrency: "unbounded",
          discard: true,
        })),
    ),
}

const timeOnce = async (tool: ToolName, n: number): Promise<number> => {
  const started = performance.now()
  await Effect.runPromise(runs[tool](n))
  return performance.now() - started
}

export interface ToolsAtSize {
  readonly tasks: number
  readonly idealMs: number
  readonly ms: Record<ToolName, number>
  readonly overIdeal: Record<ToolName, number>
  readonly rounds: Record<ToolName, number>
}

const atSize = async (n: number, budgetMs: number): Promise<ToolsAtSize> => {
  const samples = Object.fromEntries(toolNames.map((name) => [name, [] as Array<number>])) as Record<
    ToolName,
    Array<number>
  >
  const spent = (name: ToolName) => samples[name].reduce((a, b) => a + b, 0)
  for (let roundIndex = 0; roundIndex < 3; roundIndex++) {
    // Rotate the order, so no tool always runs first on a cool machine.
    const order = toolNames.map((_, i) => toolNames[(i + roundIndex) % toolNames.length]!)
    for (const name of order) {
      if (roundIndex > 0 && spent(name) >= budgetMs) continue
      samples[name].push(await timeOnce(name, n))
    }
  }
  const idealMs = (n / limit) * taskMs
  const ms = Object.fromEntries(toolNames.map((name) => [name, Math.round(median(samples[name]))])) as Record<
    ToolName,
    number
  >
  return {
    tasks: n,
    idealMs,
    ms,
    overIdeal: Object.fromEntries(toolNames.map((name) => [name, round(ms[name] / idealMs, 2)])) as Record<
      ToolName,
      number
    >,
    rounds: Object.fromEntries(toolNames.map((name) => [name, samples[name].length])) as Record<ToolName, number>,
  }
}

/** Every tool at each size, smallest first, after one warm-up run each. */
export const tools = async (quick: boolean) => {
  const sizes = quick ? [50, 200] : [100, 1_000]
  for (const name of toolNames) await timeOnce(name, limit)
  const bySize: Array<ToolsAtSize> = []
  for (const n of sizes) bySize.push(await atSize(n, quick ? 2_000 : 15_000))
  return { limit, taskMs, sizes: bySize }
}
