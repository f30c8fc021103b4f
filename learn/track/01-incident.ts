/** Chapter 1, the incident: bound the tasks (exercise 1), and see that either bound alone caps the connections (2). */
import { Effect } from "effect"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, notYet, numberRecordAt, sameJson, scheduleOf } from "../kit.ts"
import { expectSchedule, pool } from "../schedule.ts"
import { text } from "../text.ts"

const ids = Array.from({ length: 40 }, (_, i) => i + 1)
/** 50 to 140 ms, varied, so that a pool and chunks schedule them differently. */
const latency = (id: number) => 50 + ((id * 37) % 10) * 10

export const capTheFanOut: ExerciseDefinition = {
  slug: "cap-the-fan-out",
  chapter: 1,
  kind: "fix",
  title: text("Cap the fan-out: at most 10 syncs at once", "팬아웃에 상한 두기: 한 번에 최대 10개"),
  todo: text("Fix `syncAll`: at most 10 syncs at once.", "`syncAll`을 고치세요: 한 번에 최대 10개."),
  untouched: "40 products were synced at once",
  hints: [
    text(
      '`concurrency` says how many tasks may be in flight. `"unbounded"` is the incident; a number is a limit.',
      '`concurrency`는 동시에 진행할 수 있는 태스크 수입니다. `"unbounded"`가 장애이고, 숫자는 상한입니다.',
    ),
    text(
      'Either give `Effect.forEach` a number, or use the kit\'s runner: `pooled(items, task, { concurrency })` from "poolwise".',
      '`Effect.forEach`에 숫자를 주거나, 키트의 러너 `pooled(items, task, { concurrency })`("poolwise")를 쓰세요.',
    ),
    text(
      "`pooled(ids, syncOne, { concurrency: 10 })`. Chunks of 10 (`chunked`) would pass the limit but not the schedule: a chunk waits for its slowest sync.",
      "`pooled(ids, syncOne, { concurrency: 10 })`. 10개씩 청크(`chunked`)는 상한은 지키지만 스케줄은 틀립니다. 청크는 가장 느린 동기화를 기다립니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const syncAll = yield* effectFunctionAt(exports, "syncAll")
      const [results, timeline] = yield* scheduleOf((probe) =>
        syncAll(ids, probe.calls((id: number) => Effect.as(Effect.sleep(latency(id)), `synced ${id}`), String))
      )
      if (timeline.peakInFlight > 10) {
        return yield* notYet(text(
          `${timeline.peakInFlight} products were synced at once, each asking for a connection in the same instant: ` +
            `that is the incident. At most 10 may be in flight.`,
          `상품 ${timeline.peakInFlight}개를 한꺼번에 동기화했습니다. 모두 같은 순간에 커넥션을 달라고 합니다. ` +
            `그것이 장애입니다. 진행 중인 것은 최대 10개여야 합니다.`,
        ))
      }
      yield* expectSchedule(timeline, pool(10), ids.map(latency))
      if (!sameJson(results, ids.map((id) => `synced ${id}`))) {
        return yield* notYet(text(
          "The schedule is right, but the results are not in input order: result i must be product i's.",
          "스케줄은 맞지만 결과가 입력 순서가 아닙니다. i번째 결과는 i번째 상품의 것이어야 합니다.",
        ))
      }
    }),
}

const products = Array.from({ length: 20 }, (_, i) => i + 1)

/** The most connections in use at once: 20 products, supplier 100 ms, an UPDATE holding a connection 10 ms. */
const peakOf = (tasks: "all at once" | number, poolSize: number) =>
  Effect.map(
    scheduleOf((probe) =>
      Effect.gen(function* () {
        const connections = yield* Effect.makeSemaphore(poolSize)
        const update = probe.calls((_id: number) => Effect.sleep(10))
        const syncOne = (id: number) => Effect.zipRight(Effect.sleep(100), connections.withPermits(1)(update(id)))
        yield* Effect.forEach(products, syncOne, { concurrency: tasks === "all at once" ? "unbounded" : tasks })
      })
    ),
    ([, timeline]) => timeline.peakInFlight,
  )

const setups = [
  {
    key: "allAtOncePoolOf5",
    tasks: "all at once",
    poolSize: 5,
    why: text(
      "Every task at once over a pool of 5: the pool never lends more than its size; the other tasks wait inside the process.",
      "모든 태스크를 한꺼번에, 풀 크기 5: 풀은 자기 크기보다 많이 빌려주지 않습니다. 나머지 태스크는 프로세스 안에서 기다립니다.",
    ),
  },
  {
    key: "tenWorkersPoolOf100",
    tasks: 10,
    poolSize: 100,
    why: text(
      "10 workers over a pool of 100: bounded tasks never need more connections than there are tasks in flight.",
      "워커 10개, 풀 크기 100: 상한이 있는 태스크는 진행 중인 태스크 수보다 많은 커넥션이 필요 없습니다.",
    ),
  },
  {
    key: "allAtOncePoolOf100",
    tasks: "all at once",
    poolSize: 100,
    why: text(
      "Every task at once over a pool of 100: nothing bounds either side, so one connection per product. With 10,000 products, that is the incident.",
      "모든 태스크를 한꺼번에, 풀 크기 100: 어느 쪽에도 상한이 없으니 상품마다 커넥션 하나입니다. 상품이 10,000개면 그것이 장애입니다.",
    ),
  },
  {
    key: "tenWorkersPoolOf5",
    tasks: 10,
    poolSize: 5,
    why: text(
      "10 workers over a pool of 5: the smaller bound wins.",
      "워커 10개, 풀 크기 5: 작은 쪽 상한이 이깁니다.",
    ),
  },
] as const

export const eitherBoundAlone: ExerciseDefinition = {
  slug: "either-bound-alone",
  chapter: 1,
  kind: "predict",
  title: text("Either bound alone caps the connections", "상한 하나만으로도 커넥션은 묶인다"),
  todo: text(
    "Fill in each `todo()` of `peakConnections` with the most connections the server sees at once.",
    "`peakConnections`의 각 `todo()`를 서버가 한 번에 보는 커넥션 수의 최고치로 채우세요.",
  ),
  untouched: "Fill in each `todo()` of `peakConnections`",
  hints: [
    text(
      "At any moment, a connection is held only by a task that is in flight and got one from the pool.",
      "어느 순간이든 커넥션을 잡은 것은 진행 중이면서 풀에서 커넥션을 받은 태스크뿐입니다.",
    ),
    text(
      'So the server sees at most min(tasks in flight, pool size). "Every task at once" means all 20 products are in flight.',
      '그러니 서버가 보는 것은 최대 min(진행 중인 태스크 수, 풀 크기)입니다. "모든 태스크를 한꺼번에"면 상품 20개가 모두 진행 중입니다.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const predicted = yield* numberRecordAt(exports, "peakConnections", setups.map((setup) => setup.key))
      for (const setup of setups) {
        const seen = yield* peakOf(setup.tasks, setup.poolSize)
        if (predicted[setup.key] !== seen) {
          return yield* notYet(text(
            `${setup.key}: you predicted ${predicted[setup.key]}; the server saw ${seen}. ${setup.why.en}`,
            `${setup.key}: 예측은 ${predicted[setup.key]}, 서버가 본 것은 ${seen}입니다. ${setup.why.ko}`,
          ))
        }
      }
    }),
}
