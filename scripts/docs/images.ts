/**
 * The pictures in docs/images/, recorded under `TestClock`: exact virtual
 * times, no waiting, the same bytes on every machine. `npm run docs:images`
 * writes them; `npm run docs:check` compares the committed files with them.
 */
import { Effect } from "effect"
import { chunked, pooled, type Task } from "poolwise"
import { renderChunkedVsPooled, type Timeline } from "poolwise/timeline"
import { blogWorkload, findUserWithDelay, type Lookup } from "poolwise/fixtures"
import { predictTimeline } from "poolwise/testing"
import { prng } from "../lib/prng.ts"
import { adaptivePicture, livePicture, ratePicture, sweepPicture } from "./findingN.ts"

/** Where the pictures live, relative to the repository root. */
export const IMAGES_DIR = "docs/images"

/** `run` over `items` with a recorded `task`, in virtual time: the exact schedule. */
const predicted = <A, B, E>(
  items: ReadonlyArray<A>,
  task: Task<A, B, E, never>,
  run: (items: ReadonlyArray<A>, task: Task<A, B, E, never>) => Effect.Effect<unknown, unknown>,
  label: (item: A, index: number) => string,
): Effect.Effect<Timeline> =>
  predictTimeline((probe) => run(items, probe.task(task, label))).pipe(
    Effect.map(([, timeline]) => timeline),
    Effect.orDie,
  )

/** 24 lookups of 50 to 400 ms (multiples of 10), from seed 2024. */
export const randomWorkload: ReadonlyArray<Lookup> = (() => {
  const next = prng(2024)
  return Array.from({ length: 24 }, (_, i) => ({ id: i + 1, time: 50 + Math.floor(next() * 36) * 10 }))
})()

/** The seed's lookup, minus the user table: just the delay. */
const sleepFor = ({ time }: Lookup) => Effect.sleep(time)

const chunkedVsPooled = <B, E>(
  title: string,
  workload: ReadonlyArray<Lookup>,
  task: Task<Lookup, B, E, never>,
  limit: number,
  label: (item: Lookup, index: number) => string,
): Effect.Effect<string> =>
  Effect.gen(function* () {
    const chunks = yield* predicted(workload, task, (items, t) => chunked(items, t, { chunkSize: limit }), label)
    const pool = yield* predicted(workload, task, (items, t) => pooled(items, t, { concurrency: limit }), label)
    return renderChunkedVsPooled({ title, chunked: chunks, chunkSize: limit, pooled: pool, concurrency: limit })
  })

/**
 * Every picture in docs/images/, by file name.
 *
 * @example
 * ```ts
 * const images = await Effect.runPromise(renderDocImages)
 * Object.keys(images) // ["seed-chunked-vs-pooled.svg", "random-chunked-vs-pooled.svg", "finding-n-sweep.svg", …]
 * ```
 */
export const renderDocImages: Effect.Effect<Record<string, string>> = Effect.gen(function* () {
  const seed = yield* chunkedVsPooled(
    `Seed workload (${blogWorkload.map((l) => l.time).join(", ")} ms), limit 2`,
    blogWorkload,
    findUserWithDelay,
    2,
    (lookup) => `user ${lookup.id} · ${lookup.time} ms`,
  )
  const random = yield* chunkedVsPooled(
    `${randomWorkload.length} tasks of 50–400 ms (seeded), limit 4`,
    randomWorkload,
    sleepFor,
    4,
    (lookup) => String(lookup.id),
  )
  return {
    "seed-chunked-vs-pooled.svg": seed,
    "random-chunked-vs-pooled.svg": random,
    "finding-n-sweep.svg": sweepPicture(),
    "finding-n-adaptive.svg": adaptivePicture(),
    "finding-n-rate.svg": yield* ratePicture,
    "finding-n-live.svg": yield* livePicture,
  }
})
