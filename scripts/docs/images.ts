/**
 * The pictures in docs/images/, recorded under `TestClock`: exact virtual
 * times, no waiting, the same bytes on every machine. `npm run docs:images`
 * writes them; `npm run docs:check` compares the committed files with them.
 */
import { Effect, Fiber, TestClock, TestContext } from "effect"
import { chunked, pooled, renderChunkedVsPooled, type Task, type Timeline, withTimeline } from "poolwise"
import { blogWorkload, findUserWithDelay, type Lookup } from "poolwise/fixtures"
import { prng } from "../lib/prng.ts"

/** Where the pictures live, relative to the repository root. */
export const IMAGES_DIR = "docs/images"

/**
 * Runs `run` over `items` with a recorded `task` under `TestClock` and returns
 * the schedule. The clock is moved by the sum of all durations, which is enough
 * for any strategy with a limit of at least one.
 */
export const recordUnderTestClock = <A, B, E>(
  items: ReadonlyArray<A>,
  durationOf: (item: A) => number,
  task: Task<A, B, E, never>,
  run: (items: ReadonlyArray<A>, task: Task<A, B, E, never>) => Effect.Effect<unknown, unknown>,
  label: (item: A, index: number) => string,
): Effect.Effect<Timeline> =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(withTimeline(task, (recorded) => run(items, recorded), label))
    yield* TestClock.adjust(items.reduce((total, item) => total + durationOf(item), 1))
    const [, timeline] = yield* Fiber.join(fiber)
    return timeline
  }).pipe(Effect.orDie, Effect.provide(TestContext.TestContext))

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
    const time = (item: Lookup) => item.time
    const chunks = yield* recordUnderTestClock(
      workload,
      time,
      task,
      (items, t) => chunked(items, t, { chunkSize: limit }),
      label,
    )
    const pool = yield* recordUnderTestClock(
      workload,
      time,
      task,
      (items, t) => pooled(items, t, { concurrency: limit }),
      label,
    )
    return renderChunkedVsPooled({ title, chunked: chunks, chunkSize: limit, pooled: pool, concurrency: limit })
  })

/**
 * Every picture in docs/images/, by file name.
 *
 * @example
 * ```ts
 * const images = await Effect.runPromise(renderDocImages)
 * Object.keys(images) // ["seed-chunked-vs-pooled.svg", "random-chunked-vs-pooled.svg"]
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
  }
})
