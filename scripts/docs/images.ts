/**
 * The pictures in docs/images/, recorded under `TestClock`: exact virtual
 * times, no waiting, the same bytes on every machine. `npm run docs:images`
 * writes them; `npm run docs:check` compares the committed files with them.
 */
import { Effect } from "effect"
import { chunked, pooled, type Task } from "poolwise"
import { renderSvgComparison, type Timeline } from "poolwise/timeline"
import { blogWorkload, findUserWithDelay, type Lookup } from "poolwise/fixtures"
import { predictTimeline } from "poolwise/testing"
import { prng } from "../lib/prng.ts"
import { stringsFor } from "../../docs/.vitepress/playground/strings.ts"
import { adaptivePicture, type Lang, livePicture, ratePicture, sweepPicture } from "./findingN.ts"

/** Where the pictures live, relative to the repository root; the Korean ones in its `ko/`. */
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
  lang: Lang,
  title: string,
  workload: ReadonlyArray<Lookup>,
  task: Task<Lookup, B, E, never>,
  limit: number,
  label: (item: Lookup, index: number) => string,
): Effect.Effect<string> =>
  Effect.gen(function* () {
    const chunks = yield* predicted(workload, task, (items, t) => chunked(items, t, { chunkSize: limit }), label)
    const pool = yield* predicted(workload, task, (items, t) => pooled(items, t, { concurrency: limit }), label)
    // The playground's words: the same titles and labels as its own picture.
    const strings = stringsFor(lang)
    return renderSvgComparison([
      { title: strings.chunkedTitle(limit, chunks.makespan), timeline: chunks, idleLabel: strings.idleLabel },
      { title: strings.pooledTitle(limit, pool.makespan), timeline: pool },
    ], { title, words: strings.svgWords })
  })

/** The titles of chapter 2's two pictures. */
const titles = {
  en: {
    seed: (times: string) => `Seed workload (${times} ms), limit 2`,
    random: (tasks: number) => `${tasks} tasks of 50–400 ms (seeded), limit 4`,
    lookup: (id: number, time: number) => `user ${id} · ${time} ms`,
  },
  ko: {
    seed: (times: string) => `시드 워크로드 (${times} ms), 상한 2`,
    random: (tasks: number) => `50–400 ms 태스크 ${tasks}개 (시드 고정), 상한 4`,
    lookup: (id: number, time: number) => `사용자 ${id} · ${time} ms`,
  },
} as const

const picturesIn = (lang: Lang): Effect.Effect<Record<string, string>> =>
  Effect.gen(function* () {
    const t = titles[lang]
    const seed = yield* chunkedVsPooled(
      lang,
      t.seed(blogWorkload.map((l) => l.time).join(", ")),
      blogWorkload,
      findUserWithDelay,
      2,
      (lookup) => t.lookup(lookup.id, lookup.time),
    )
    const random = yield* chunkedVsPooled(
      lang,
      t.random(randomWorkload.length),
      randomWorkload,
      sleepFor,
      4,
      (lookup) => String(lookup.id),
    )
    return {
      "seed-chunked-vs-pooled.svg": seed,
      "random-chunked-vs-pooled.svg": random,
      "finding-n-sweep.svg": sweepPicture(lang),
      "finding-n-adaptive.svg": adaptivePicture(lang),
      "finding-n-rate.svg": yield* ratePicture(lang),
      "finding-n-live.svg": yield* livePicture(lang),
    }
  })

/**
 * Every picture in docs/images/, by file name: the English ones, then the
 * Korean ones under `ko/`, with the same names.
 *
 * @example
 * ```ts
 * const images = await Effect.runPromise(renderDocImages)
 * Object.keys(images) // ["seed-chunked-vs-pooled.svg", …, "ko/seed-chunked-vs-pooled.svg", …]
 * ```
 */
export const renderDocImages: Effect.Effect<Record<string, string>> = Effect.gen(function* () {
  const en = yield* picturesIn("en")
  const ko = yield* picturesIn("ko")
  return { ...en, ...Object.fromEntries(Object.entries(ko).map(([name, svg]) => [`ko/${name}`, svg])) }
})
