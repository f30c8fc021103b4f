/** Chapter 7, from promise-pool, p-limit and p-map: no silent limits (24), progress like p-limit's counts (25). */
import { Effect, Either } from "effect"
import { inVirtualTime, sleepFor } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectInputOrder, notYet, sameJson, scheduleOf } from "../kit.ts"
import { expectSchedule, pool } from "../schedule.ts"
import { text } from "../text.ts"

const items = [100, 300, 200, 50]

export const noSilentLimits: ExerciseDefinition = {
  slug: "no-silent-limits",
  chapter: 7,
  kind: "fix",
  title: text("No silent limits: refuse 0, NaN and Infinity", "조용한 상한은 없다: 0, NaN, Infinity 거부하기"),
  todo: text("Fix `mapWithLimit`.", "`mapWithLimit`를 고치세요."),
  untouched: "With a limit of 0 your run went ahead",
  hints: [
    text(
      "`Effect.forEach` never refuses a limit. The kit's runners do, before any task runs.",
      "`Effect.forEach`는 상한을 거부하지 않습니다. 키트의 러너는 태스크를 돌리기 전에 거부합니다.",
    ),
    text(
      '`pooled` from "poolwise" takes the same arguments as `Effect.forEach` with a limit: `pooled(items, task, { concurrency })`.',
      '"poolwise"의 `pooled`는 상한을 준 `Effect.forEach`와 같은 인자를 받습니다: `pooled(items, task, { concurrency })`.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const mapWithLimit = yield* effectFunctionAt(exports, "mapWithLimit")
      for (const bad of [0, Number.NaN, Number.POSITIVE_INFINITY, 1.5, -2]) {
        const [outcome, timeline] = yield* scheduleOf((probe) =>
          Effect.either(mapWithLimit(items, probe.task(sleepFor), bad))
        )
        if (Either.isRight(outcome)) {
          return yield* notYet(text(
            `With a limit of ${bad} your run went ahead (${timeline.spans.length} tasks, at most ${timeline.peakInFlight} at once, done at ${timeline.makespan} ms) without a word. ` +
              "It must fail with an `InvalidOptionError` naming `concurrency`, before any task runs.",
            `상한 ${bad}에서 실행이 아무 말 없이 진행되었습니다(태스크 ${timeline.spans.length}개, 한 번에 최대 ${timeline.peakInFlight}개, ${timeline.makespan} ms에 끝). ` +
              "태스크를 돌리기 전에 `concurrency`를 가리키는 `InvalidOptionError`로 실패해야 합니다.",
          ))
        }
        const error = outcome.left as { readonly _tag?: unknown; readonly option?: unknown }
        if (error?._tag !== "InvalidOptionError" || error.option !== "concurrency" || timeline.spans.length > 0) {
          return yield* notYet(text(
            `With a limit of ${bad} the run failed with ${
              JSON.stringify(outcome.left)
            } after ${timeline.spans.length} tasks; ` +
              "expected an `InvalidOptionError` naming `concurrency`, and no task run.",
            `상한 ${bad}에서 태스크 ${timeline.spans.length}개 뒤에 ${JSON.stringify(outcome.left)}로 실패했습니다. ` +
              "기대한 것은 `concurrency`를 가리키는 `InvalidOptionError`, 그리고 태스크 0개입니다.",
          ))
        }
      }
      const [results, timeline] = yield* scheduleOf((probe) => mapWithLimit(items, probe.task(sleepFor), 3))
      yield* expectSchedule(timeline, pool(3), items, { about: text("With a limit of 3", "상한 3에서") })
      yield* expectInputOrder(results, items)
    }),
}

const moments = [
  { atMs: 50, counts: { active: 2, pending: 2, done: 0 } },
  { atMs: 150, counts: { active: 2, pending: 1, done: 1 } },
  { atMs: 325, counts: { active: 1, pending: 0, done: 3 } },
] as const

export const progressLikePLimit: ExerciseDefinition = {
  slug: "progress-like-p-limit",
  chapter: 7,
  kind: "implement",
  title: text(
    "Progress, like p-limit's activeCount and pendingCount",
    "진행률: p-limit의 activeCount와 pendingCount처럼",
  ),
  todo: text("Write `countsAt` with `makeProgress`.", "`makeProgress`로 `countsAt`을 작성하세요."),
  untouched: "Write `countsAt`",
  hints: [
    text(
      "Make the tracker first (`makeProgress(items.length)`), and give the pool `progress.track(task)` instead of `task`.",
      "먼저 추적기를 만들고(`makeProgress(items.length)`), 풀에 `task` 대신 `progress.track(task)`를 주세요.",
    ),
    text(
      "To look at the run while it runs, fork it (`Effect.fork`), `Effect.sleep(atMs)`, then read `progress.snapshot`; interrupt the run when you are done looking.",
      "실행 도중에 보려면 fork하고(`Effect.fork`), `Effect.sleep(atMs)` 뒤에 `progress.snapshot`을 읽으세요. 다 봤으면 실행을 인터럽트합니다.",
    ),
    text(
      "In code: active = `inFlight`, pending = `total − started`, done = `finished`.",
      "코드로는: active = `inFlight`, pending = `total − started`, done = `finished`.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const countsAt = yield* effectFunctionAt(exports, "countsAt")
      for (const { atMs, counts } of moments) {
        const got = yield* inVirtualTime(countsAt(items, sleepFor, 2, atMs))
        if (!sameJson(got, counts)) {
          return yield* notYet(text(
            `At ${atMs} ms into tasks of 100, 300, 200 and 50 ms with a limit of 2: you counted ${
              JSON.stringify(got)
            }; ` +
              `it is ${JSON.stringify(counts)}.`,
            `100, 300, 200, 50 ms짜리 태스크를 상한 2로 돌린 지 ${atMs} ms에: 센 값은 ${JSON.stringify(got)}, ` +
              `실제는 ${JSON.stringify(counts)}입니다.`,
          ))
        }
      }
    }),
}
