/** Chapter 2, chunked vs pooled: predict both schedules (3), then write chunks (4) and a pool (5) by hand. */
import { Effect } from "effect"
import { chunked, pooled, type Task } from "poolwise"
import { sleepFor } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectInputOrder, expectNumber, notYet, numberAt, numbersAt, scheduleOf } from "../kit.ts"
import { chunks, expectPrediction, expectSchedule, type Model, pool } from "../schedule.ts"
import { text } from "../text.ts"

const predictDurations = [200, 100, 300, 100, 200]

type Run = (items: ReadonlyArray<number>, task: Task<number, number, never, never>) => Effect.Effect<unknown, unknown>

export const predictChunksAndPool: ExerciseDefinition = {
  slug: "predict-chunks-and-pool",
  chapter: 2,
  kind: "predict",
  title: text("Predict chunks of 2 and a pool of 2", "크기 2의 청크와 워커 2개의 풀 예측하기"),
  todo: text(
    "Replace each `todo()` with your prediction: when each task starts, and when each run is done (ms).",
    "각 `todo()`를 예측으로 바꾸세요: 각 태스크의 시작 시각과 각 실행이 끝나는 시각(ms).",
  ),
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      "Draw two slots and place the tasks one by one, in input order. Tasks 1 and 2 start at 0 in both runs.",
      "슬롯 두 개를 그리고 태스크를 입력 순서대로 하나씩 놓아 보세요. 태스크 1과 2는 두 실행 모두 0에 시작합니다.",
    ),
    text(
      "Chunks: tasks 3 and 4 start together, when the longer of tasks 1 and 2 ends. A pool: task 3 starts the moment either slot frees up.",
      "청크: 태스크 3과 4는 태스크 1과 2 중 긴 쪽이 끝날 때 함께 시작합니다. 풀: 태스크 3은 어느 슬롯이든 비는 순간 시작합니다.",
    ),
    text(
      "Chunks start at 0, 200 (= max(200, 100)) and 500 (= 200 + max(300, 100)). In the pool, task 2 ends first, at 100 ms.",
      "청크는 0, 200(= max(200, 100)), 500(= 200 + max(300, 100))에 시작합니다. 풀에서는 태스크 2가 100 ms에 가장 먼저 끝납니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const runs: ReadonlyArray<readonly [string, Model, Run]> = [
        ["chunked", chunks(2), (items, task) => chunked(items, task, { chunkSize: 2 })],
        ["pooled", pool(2), (items, task) => pooled(items, task, { concurrency: 2 })],
      ]
      for (const [name, model, run] of runs) {
        const starts = yield* numbersAt(exports, `${name}Starts`, predictDurations.length)
        const doneAt = yield* numberAt(exports, `${name}DoneAt`)
        const [, timeline] = yield* scheduleOf((probe) => run(predictDurations, probe.task(sleepFor)))
        yield* expectPrediction(starts, model, predictDurations, text(`\`${name}Starts\``, `\`${name}Starts\``))
        yield* expectNumber(
          text(`\`${name}DoneAt\``, `\`${name}DoneAt\``),
          doneAt,
          timeline.makespan,
          text(
            "A run is done when its last task ends: the largest start + duration.",
            "실행은 마지막 태스크가 끝날 때 끝납니다: 시작 + 길이 중 가장 큰 값.",
          ),
        )
      }
    }),
}

/** Items that know their place in the input, so a task can tell whether it got the right index. */
const placed = (durations: ReadonlyArray<number>) => durations.map((ms, position) => ({ ms, position }))
type Placed = ReturnType<typeof placed>[number]

/** Runs the learner's runner over `durations` with `limit`; checks indexes, schedule and result order. */
const runByHand = (
  runner: (...args: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>,
  durations: ReadonlyArray<number>,
  limit: number,
  model: Model,
) =>
  Effect.gen(function* () {
    const wrongIndexes: Array<readonly [number, number]> = []
    const [results, timeline] = yield* scheduleOf((probe) =>
      runner(
        placed(durations),
        probe.task((item: Placed, index: number) => {
          if (index !== item.position) wrongIndexes.push([item.position, index])
          return Effect.as(Effect.sleep(item.ms), item.ms)
        }, (item) => String(item.position + 1)),
        limit,
      )
    )
    const [wrong] = wrongIndexes
    if (wrong !== undefined) {
      return yield* notYet(text(
        `Task ${wrong[0] + 1} was given index ${wrong[1]}; its index in the whole input is ${wrong[0]}.` +
          " Inside a chunk `Effect.forEach` counts from 0 again: carry each item's index with it.",
        `태스크 ${wrong[0] + 1}이(가) 받은 인덱스는 ${wrong[1]}, 전체 입력에서의 인덱스는 ${wrong[0]}입니다.` +
          " 청크 안에서 `Effect.forEach`는 0부터 다시 셉니다. 아이템마다 인덱스를 함께 들고 가세요.",
      ))
    }
    yield* expectSchedule(timeline, model, durations)
    yield* expectInputOrder(results, durations)
  })

export const chunksByHand: ExerciseDefinition = {
  slug: "chunks-by-hand",
  chapter: 2,
  kind: "implement",
  title: text("Chunks by hand: Promise.all per chunk, in Effect", "청크를 직접: 청크마다 Promise.all을 Effect로"),
  todo: text(
    "Write `inChunks`: chunks of `size` one after another, every task of a chunk at once.",
    "`inChunks`를 작성하세요: `size`개짜리 청크를 차례로, 청크 안의 태스크는 한꺼번에.",
  ),
  untouched: "Write `inChunks`",
  hints: [
    text(
      'Two loops: an outer one over the chunks, one at a time, and an inner one over a chunk\'s items, all at once. `Array.chunksOf(items, size)` (from "effect") cuts the chunks.',
      '반복이 두 겹입니다. 바깥은 청크를 하나씩, 안쪽은 청크의 아이템을 한꺼번에. 청크는 `Array.chunksOf(items, size)`("effect")로 자릅니다.',
    ),
    text(
      '`Effect.forEach` with no `concurrency` is one at a time; with `concurrency: "unbounded"` it starts them all. Pair each item with its index before chunking: `items.map((item, index) => [item, index] as const)`.',
      '`concurrency`가 없는 `Effect.forEach`는 하나씩, `concurrency: "unbounded"`는 전부를 시작합니다. 자르기 전에 아이템마다 인덱스를 짝지으세요: `items.map((item, index) => [item, index] as const)`.',
    ),
    text(
      '`Effect.map(Effect.forEach(Array.chunksOf(pairs, size), (chunk) => Effect.forEach(chunk, ([item, index]) => task(item, index), { concurrency: "unbounded" })), Array.flatten)` (import `Array` from "effect" under another name, e.g. `Array as Arr`).',
      '`Effect.map(Effect.forEach(Array.chunksOf(pairs, size), (chunk) => Effect.forEach(chunk, ([item, index]) => task(item, index), { concurrency: "unbounded" })), Array.flatten)` ("effect"의 `Array`는 `Array as Arr`처럼 다른 이름으로 import하세요).',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const inChunks = yield* effectFunctionAt(exports, "inChunks")
      yield* runByHand(inChunks, [100, 300, 200, 50, 250, 100, 150], 3, chunks(3))
      yield* runByHand(inChunks, [120, 40, 80, 60, 30], 2, chunks(2))
    }),
}

export const aPoolByHand: ExerciseDefinition = {
  slug: "a-pool-by-hand",
  chapter: 2,
  kind: "implement",
  title: text("A pool by hand: workers that share a cursor", "풀을 직접: 커서를 공유하는 워커들"),
  todo: text(
    "Finish `poolOf`: a worker takes the next index, runs it, stores the result, and goes on; then run `limit` workers at once.",
    "`poolOf`를 완성하세요: 워커는 다음 인덱스를 가져가 돌리고 결과를 저장한 뒤 계속합니다. 그다음 워커 `limit`개를 한꺼번에 돌리세요.",
  ),
  untouched: "Finish `poolOf`",
  hints: [
    text(
      "The first TODO is one step of the loop: the worker has taken `index` (and moved the cursor on); run `task(items[index]!, index)`, keep its result in `results[index]`, then `worker` again for the next index.",
      "첫 TODO는 반복의 한 걸음입니다. 워커는 `index`를 가져갔고 커서도 옮겼습니다. `task(items[index]!, index)`를 돌리고, 결과를 `results[index]`에 두고, 다음 인덱스를 위해 `worker`를 다시.",
    ),
    text(
      'Chain them with `.pipe(Effect.tap((result) => Effect.sync(() => (results[index] = result))), Effect.zipRight(worker))`. For the second TODO: `Effect.all(workers, { concurrency: "unbounded" })` runs a list of workers together.',
      '`.pipe(Effect.tap((result) => Effect.sync(() => (results[index] = result))), Effect.zipRight(worker))`로 이으세요. 두 번째 TODO: `Effect.all(workers, { concurrency: "unbounded" })`는 워커 목록을 함께 돌립니다.',
    ),
    text(
      '`const workers = Array.from({ length: Math.min(limit, items.length) }, () => worker)`, then `return Effect.as(Effect.all(workers, { concurrency: "unbounded" }), results)`. One `worker` value run several times is several workers: each run is a fiber of its own.',
      '`const workers = Array.from({ length: Math.min(limit, items.length) }, () => worker)`, 그다음 `return Effect.as(Effect.all(workers, { concurrency: "unbounded" }), results)`. `worker` 값 하나를 여러 번 돌리면 워커 여럿입니다. 돌릴 때마다 fiber가 따로 생깁니다.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const poolOf = yield* effectFunctionAt(exports, "poolOf")
      yield* runByHand(poolOf, [300, 100, 100, 50, 200, 150, 100], 2, pool(2))
      yield* runByHand(poolOf, [100, 300, 200, 50, 50, 400, 120], 3, pool(3))
      yield* runByHand(poolOf, [100, 200], 5, pool(5))
    }),
}
