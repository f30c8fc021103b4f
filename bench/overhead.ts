/**
 * Dispatch overhead: how long each library takes to push tasks that do
 * (almost) nothing through a limit of 10. Whatever is left is the cost of the
 * dispatcher itself.
 *
 * All contenders run in one process, taking turns (the order rotates every
 * round), after warm-up rounds; each figure is the median of the measured rounds.
 */
import { PromisePool } from "@supercharge/promise-pool"
import { Effect, Stream } from "effect"
import pLimit from "p-limit"
import pMap from "p-map"
import { pooled, pooledStrategy } from "poolwise"
import { median, round } from "./lib/stats.ts"

export const contenders = ["kit", "effectForEach", "promisePool", "pMap", "pLimit"] as const
export type Contender = (typeof contenders)[number]

const limit = 10

/** One run of `tasks` items through each contender; resolves when all are done. */
type Runs = Record<Contender, (items: ReadonlyArray<number>) => Promise<unknown>>

/** Trivial tasks: the work is a synchronous function (or `Effect.succeed`). */
const trivial: Runs = {
  kit: (items) => Effect.runPromise(pooled(items, (n) => Effect.succeed(n), { concurrency: limit })),
  effectForEach: (items) => Effect.runPromise(Effect.forEach(items, (n) => Effect.succeed(n), { concurrency: limit })),
  promisePool: (items) => PromisePool.withConcurrency(limit).for(items).process((n) => n),
  pMap: (items) => pMap(items, (n) => n, { concurrency: limit }),
  pLimit: (items) => {
    const run = pLimit(limit)
    return Promise.all(items.map((n) => run(() => n)))
  },
}

/** Promise tasks: the work is an async function that resolves at once. */
const job = (n: number): Promise<number> => Promise.resolve(n)

/**
 * The kit's dispatch alone on the promise case's 10,000 items: the same run
 * with tasks that succeed at once instead of awaiting a promise. What the
 * promise case takes beyond it is Effect's price for each promise (a fiber
 * suspends on it and resumes through Effect's scheduler), which no runner can
 * remove without changing when the fibers run.
 */
const kitDispatchOnly = (items: ReadonlyArray<number>) =>
  Effect.runPromise(pooled(items, (n) => Effect.succeed(n), { concurrency: limit }))

const promise: Record<Contender | "kitDispatchOnly", Runs[Contender]> = {
  kitDispatchOnly,
  kit: (items) => Effect.runPromise(pooled(items, (n) => Effect.promise(() => job(n)), { concurrency: limit })),
  effectForEach: (items) =>
    Effect.runPromise(Effect.forEach(items, (n) => Effect.promise(() => job(n)), { concurrency: limit })),
  promisePool: (items) => PromisePool.withConcurrency(limit).for(items).process(job),
  pMap: (items) => pMap(items, job, { concurrency: limit }),
  pLimit: (items) => {
    const run = pLimit(limit)
    return Promise.all(items.map((n) => run(() => job(n))))
  },
}

export interface OverheadResult<K extends string = Contender> {
  readonly tasks: number
  readonly limit: number
  readonly rounds: number
  readonly ms: Record<K, number>
  readonly usPerTask: Record<K, number>
}

const measure = async <K extends string>(
  runs: Record<K, Runs[Contender]>,
  tasks: number,
  warmup: number,
  rounds: number,
): Promise<OverheadResult<K>> => {
  const items = Array.from({ length: tasks }, (_, i) => i)
  const names = Object.keys(runs) as Array<K>
  const samples = Object.fromEntries(names.map((name) => [name, [] as Array<number>])) as Record<K, Array<number>>
  for (let r = 0; r < warmup + rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!
      const start = performance.now()
      const result = await runs[name](items)
      const ms = performance.now() - start
      if (result === undefined) throw new Error(`${name} returned nothing`)
      if (r >= warmup) samples[name].push(ms)
    }
  }
  const ms = Object.fromEntries(names.map((name) => [name, round(median(samples[name]), 2)])) as Record<K, number>
  const usPerTask = Object.fromEntries(
    names.map((name) => [name, round((median(samples[name]) * 1000) / tasks, 3)]),
  ) as Record<K, number>
  return { tasks, limit, rounds, ms, usPerTask }
}

/**
 * The floor under every Effect runner on promise tasks: the kit with a single
 * worker (one fiber, nothing forked) running `Effect.promise` 10,000 times in
 * a row. It is the cost of suspending a fiber on a promise and resuming it
 * through Effect's scheduler; a runner spends the rest on dispatch.
 */
const promiseFloor = async (tasks: number, rounds: number) => {
  const items = Array.from({ length: tasks }, (_, i) => i)
  const samples: Array<number> = []
  for (let r = 0; r < rounds + 1; r++) {
    const start = performance.now()
    await Effect.runPromise(pooled(items, (n) => Effect.promise(() => job(n)), { concurrency: 1 }))
    if (r > 0) samples.push(performance.now() - start)
  }
  return { tasks, ms: round(median(samples), 2), usPerTask: round((median(samples) * 1000) / tasks, 3) }
}

/** `ms[name] / ms.pMap` for each contender: how many times p-map's time it takes. */
const overPMap = <K extends string>(ms: Record<K | "pMap", number>): Record<K, number> =>
  Object.fromEntries(Object.entries<number>(ms).map(([name, value]) => [name, round(value / ms.pMap, 2)])) as Record<
    K,
    number
  >

export const overhead = async (quick: boolean) => {
  const warmup = quick ? 1 : 3
  const rounds = quick ? 3 : 11
  const promiseRun = await measure(promise, 10_000, quick ? 3 : 5, quick ? 15 : 41)
  return {
    trivial: await measure(trivial, 100_000, warmup, rounds),
    promise: {
      ...promiseRun,
      /** The promise-task figure: each contender's time over p-map's (1 = as fast as p-map). */
      ratioToPMap: overPMap(promiseRun.ms),
      oneWorker: await promiseFloor(10_000, quick ? 3 : 11),
    },
  }
}

/**
 * The same comparison over a stream (what the sync job runs): the kit's pooled
 * stream (workers pulling chunk by chunk) against Effect's own
 * `Stream.mapEffect(task, { concurrency: 10, unordered: true })`.
 */
export const streamOverhead = async (quick: boolean) => {
  const tasks = quick ? 2_000 : 10_000
  const rounds = quick ? 1 : 5
  const source = Stream.range(1, tasks)
  const task = (n: number) => Effect.succeed(n)
  const contenders = {
    kit: () =>
      Effect.runPromise(
        Effect.flatMap(pooledStrategy({ concurrency: limit }), (s) =>
          Stream.runDrain(s.run(source, task, { ordered: false }))),
      ),
    streamMapEffect: () =>
      Effect.runPromise(Stream.runDrain(Stream.mapEffect(source, task, { concurrency: limit, unordered: true }))),
  }
  const samples = { kit: [] as Array<number>, streamMapEffect: [] as Array<number> }
  for (let r = 0; r < rounds + 1; r++) {
    for (const name of r % 2 === 0 ? (["kit", "streamMapEffect"] as const) : (["streamMapEffect", "kit"] as const)) {
      const start = performance.now()
      await contenders[name]()
      if (r > 0 || rounds === 1) samples[name].push(performance.now() - start)
    }
  }
  return {
    tasks,
    limit,
    rounds,
    ms: { kit: round(median(samples.kit), 2), streamMapEffect: round(median(samples.streamMapEffect), 2) },
    usPerTask: {
      kit: round((median(samples.kit) * 1000) / tasks, 3),
      streamMapEffect: round((median(samples.streamMapEffect) * 1000) / tasks, 3),
    },
  }
}
