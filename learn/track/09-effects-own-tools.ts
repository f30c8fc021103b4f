/**
 * Chapter 9, Effect's own tools: `Effect.forEach` three ways (9), `Stream.mapEffect`
 * ordered or not (10), `"inherit"` (11), chunks against a pool (14); the `Semaphore`
 * (12) and the `Pool` (13) are in 09-semaphore-and-pool.ts. Exercises 9, 10 and 14
 * are the chapter's old predict-then-check questions, now checked.
 */
import { Chunk, Effect, Stream } from "effect"
import { chunked } from "poolwise"
import { sleepFor } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectNumber, numberAt, numbersAt, scheduleOf } from "../kit.ts"
import { chunks, expectPrediction, expectRecorded, expectSchedule, type Model, pool } from "../schedule.ts"
import { text } from "../text.ts"

const fourTasks = [300, 100, 100, 50]
const doneWhy = text(
  "A run is done when its last task ends: the largest start + duration.",
  "실행은 마지막 태스크가 끝날 때 끝납니다: 시작 + 길이 중 가장 큰 값.",
)

/** Reads `<name>Starts` and `<name>DoneAt`, runs the real thing, and compares with `model`. */
const predicted = (
  exports: Parameters<ExerciseDefinition["check"]>[0],
  name: string,
  durations: ReadonlyArray<number>,
  model: Model,
  run: Effect.Effect<readonly [unknown, { readonly makespan: number }], unknown>,
) =>
  Effect.gen(function* () {
    const starts = yield* numbersAt(exports, `${name}Starts`, durations.length)
    const doneAt = yield* numberAt(exports, `${name}DoneAt`)
    const [, timeline] = yield* run
    yield* expectPrediction(starts, model, durations, text(`\`${name}Starts\``, `\`${name}Starts\``))
    yield* expectNumber(text(`\`${name}DoneAt\``, `\`${name}DoneAt\``), doneAt, timeline.makespan, doneWhy)
  })

const predictTodo = text(
  "Replace each `todo()` with your prediction: when each task starts, and when each run is done (ms).",
  "각 `todo()`를 예측으로 바꾸세요: 각 태스크의 시작 시각과 각 실행이 끝나는 시각(ms).",
)

export const forEachThreeWays: ExerciseDefinition = {
  slug: "forEach-three-ways",
  chapter: 9,
  kind: "predict",
  title: text(
    'Effect.forEach three ways: 2, no option, "unbounded"',
    'Effect.forEach 세 가지: 2, 옵션 없음, "unbounded"',
  ),
  todo: predictTodo,
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      "`concurrency: 2` is a pool of 2: each task starts on the slot that frees up first. Task 1 (300 ms) holds one slot the whole time.",
      "`concurrency: 2`는 워커 2개의 풀입니다. 각 태스크는 가장 먼저 비는 슬롯에서 시작합니다. 태스크 1(300 ms)은 슬롯 하나를 내내 잡고 있습니다.",
    ),
    text(
      'With no option `Effect.forEach` runs one task at a time (the opposite of `Promise.all`); `"unbounded"` starts them all at 0.',
      '옵션이 없으면 `Effect.forEach`는 하나씩 돌립니다(`Promise.all`과 반대). `"unbounded"`는 전부 0에 시작합니다.',
    ),
    text(
      "One at a time, each start is the sum of the durations before it: 0, 300, 400, 500.",
      "하나씩이면 각 시작은 앞선 길이의 합입니다: 0, 300, 400, 500.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const ways: ReadonlyArray<readonly [string, Model, { readonly concurrency: number | "unbounded" } | undefined]> =
        [
          ["limit2", pool(2), { concurrency: 2 }],
          ["noOption", { kind: "one at a time" }, undefined],
          ["unbounded", { kind: "all at once" }, { concurrency: "unbounded" }],
        ]
      for (const [name, model, options] of ways) {
        yield* predicted(
          exports,
          name,
          fourTasks,
          model,
          scheduleOf((probe) => Effect.forEach(fourTasks, probe.task(sleepFor), options)),
        )
      }
    }),
}

/** Four tasks through `Stream.mapEffect` with a limit of 2, each recorded under its task number. */
const throughStream = (unordered: boolean) =>
  scheduleOf((probe) => {
    const run = probe.calls((ms: number, _task: number) => sleepFor(ms, 0), (_ms, task) => String(task))
    return Stream.fromIterable(fourTasks.map((ms, index) => [index + 1, ms] as const)).pipe(
      Stream.mapEffect(([task, ms]) => run(ms, task), { concurrency: 2, unordered }),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray),
    )
  })

export const streamOrderedOrNot: ExerciseDefinition = {
  slug: "stream-ordered-or-not",
  chapter: 9,
  kind: "predict",
  title: text("Stream.mapEffect, ordered or not", "Stream.mapEffect, 순서대로 또는 아니게"),
  todo: predictTodo,
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      "Unordered, a result leaves the moment its task ends, and its slot takes the next task at once: the pool of exercise 9.",
      "순서를 따지지 않으면 결과는 태스크가 끝나는 순간 나가고, 그 슬롯은 바로 다음 태스크를 받습니다. 연습 9의 풀입니다.",
    ),
    text(
      "Ordered, results leave in input order. Tasks 2 and 3 end long before task 1: their results wait behind it, and so does the next task.",
      "순서대로면 결과는 입력 순서로 나갑니다. 태스크 2와 3은 태스크 1보다 훨씬 먼저 끝나지만, 그 결과는 태스크 1 뒤에서 기다리고, 다음 태스크도 기다립니다.",
    ),
    text(
      "Ordered, task 4 starts only when task 1 ends, at 300 ms, and ends at 350.",
      "순서대로면 태스크 4는 태스크 1이 끝나는 300 ms에야 시작해 350에 끝납니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      for (const unordered of [true, false]) {
        const name = unordered ? "unordered" : "ordered"
        const starts = yield* numbersAt(exports, `${name}Starts`, fourTasks.length)
        const doneAt = yield* numberAt(exports, `${name}DoneAt`)
        const [, timeline] = yield* throughStream(unordered)
        yield* expectRecorded(
          starts,
          timeline,
          fourTasks,
          text(`\`${name}Starts\``, `\`${name}Starts\``),
          unordered
            ? text("Unordered, a freed slot is reused at once.", "순서를 따지지 않으면 빈 슬롯을 바로 다시 씁니다.")
            : text(
              "Ordered, the finished results of tasks 2 and 3 wait behind the slow task 1, and so does the next start.",
              "순서대로면 끝난 태스크 2와 3의 결과가 느린 태스크 1 뒤에서 기다리고, 다음 시작도 기다립니다.",
            ),
        )
        yield* expectNumber(text(`\`${name}DoneAt\``, `\`${name}DoneAt\``), doneAt, timeline.makespan, doneWhy)
      }
    }),
}

const lookups = [100, 300, 200]

export const inheritTheLimit: ExerciseDefinition = {
  slug: "inherit-the-limit",
  chapter: 9,
  kind: "fix",
  title: text('Let the caller choose: concurrency "inherit"', '호출하는 쪽이 정하게: concurrency "inherit"'),
  todo: text("Fix `lookUpAll`.", "`lookUpAll`을 고치세요."),
  untouched: "Under `Effect.withConcurrency(2)`: task 2 started at 100 ms",
  hints: [
    text(
      "`Effect.withConcurrency(n)` does not reach every call inside it: only the calls that ask for it.",
      "`Effect.withConcurrency(n)`은 안에 있는 모든 호출에 닿지 않습니다. 그것을 달라고 하는 호출에만 닿습니다.",
    ),
    text(
      "A call asks for its caller's limit with one value of its `concurrency` option.",
      "호출은 `concurrency` 옵션의 값 하나로 호출하는 쪽의 상한을 달라고 합니다.",
    ),
    text(
      '`Effect.forEach(items, lookup, { concurrency: "inherit" })`. With no `withConcurrency` around it, "inherit" means unbounded.',
      '`Effect.forEach(items, lookup, { concurrency: "inherit" })`. 둘러싼 `withConcurrency`가 없으면 "inherit"는 무제한입니다.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const lookUpAll = yield* effectFunctionAt(exports, "lookUpAll")
      const schedule = (wrap: (effect: Effect.Effect<unknown, unknown>) => Effect.Effect<unknown, unknown>) =>
        scheduleOf((probe) => wrap(lookUpAll(lookups, probe.calls(sleepFor, (ms) => String(lookups.indexOf(ms) + 1)))))
      const [, limited] = yield* schedule(Effect.withConcurrency(2))
      yield* expectSchedule(limited, pool(2), lookups, {
        about: text("Under `Effect.withConcurrency(2)`", "`Effect.withConcurrency(2)` 안에서"),
      })
      const [, free] = yield* schedule((effect) => effect)
      yield* expectSchedule(free, { kind: "all at once" }, lookups, {
        about: text(
          "With no `Effect.withConcurrency` around it (the caller chose no limit)",
          "`Effect.withConcurrency`로 감싸지 않으면(호출하는 쪽이 상한을 정하지 않으면)",
        ),
      })
    }),
}

const sixTasks = [100, 300, 200, 50, 50, 400]

export const chunksAgainstAPool: ExerciseDefinition = {
  slug: "chunks-against-a-pool",
  chapter: 9,
  kind: "predict",
  title: text("Chunks of 3 against a limit of 3", "크기 3의 청크 대 상한 3"),
  todo: predictTodo,
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      "Chunks: indexes 0-2 start together, indexes 3-5 together, when the longest of the first chunk ends.",
      "청크: 인덱스 0-2가 함께, 인덱스 3-5가 함께 시작합니다. 두 번째는 첫 청크에서 가장 긴 것이 끝날 때.",
    ),
    text(
      "A limit of 3: write down when each of the 3 slots frees up (100, 300, 200), and give each next task the earliest.",
      "상한 3: 슬롯 3개가 각각 언제 비는지(100, 300, 200) 적고, 다음 태스크마다 가장 이른 것을 주세요.",
    ),
    text(
      "Limit 3: index 3 at 100 (ends 150), index 4 at 150 (ends 200), index 5 at 200 (ends 600).",
      "상한 3: 인덱스 3은 100에(150에 끝), 인덱스 4는 150에(200에 끝), 인덱스 5는 200에(600에 끝).",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      yield* predicted(
        exports,
        "chunksOf3",
        sixTasks,
        chunks(3),
        scheduleOf((probe) => chunked(sixTasks, probe.task(sleepFor), { chunkSize: 3 })),
      )
      yield* predicted(
        exports,
        "limit3",
        sixTasks,
        pool(3),
        scheduleOf((probe) => Effect.forEach(sixTasks, probe.task(sleepFor), { concurrency: 3 })),
      )
    }),
}
