/**
 * Chapter 4, the SQL pool, on plain Effect: a `Pool` of N "connections" under
 * virtual time (15, 17) and Little's law as arithmetic the check tries on
 * several inputs (16, 17). No database: the lesson is the pool's arithmetic.
 */
import { Clock, Effect, Fiber, Pool, Ref } from "effect"
import { inVirtualTime } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { closeTo, expectFormula, expectNumber, exported, notYet, numberAt, numberRecordAt, scheduleOf } from "../kit.ts"
import { text } from "../text.ts"

/** 4 tasks, 4 workers: supplier 100 ms, then an UPDATE holding one of `poolSize` connections 50 ms. */
const knobs = (poolSize: number) =>
  Effect.map(
    scheduleOf((probe) =>
      Effect.scoped(Effect.gen(function* () {
        const connections = yield* Pool.make({ acquire: Effect.succeed("connection"), size: poolSize })
        const update = probe.calls((_product: number) => Effect.sleep(50))
        const syncOne = (product: number) =>
          Effect.zipRight(Effect.sleep(100), Effect.scoped(Effect.zipRight(Pool.get(connections), update(product))))
        yield* Effect.forEach([1, 2, 3, 4], syncOne, { concurrency: 4 })
      }))
    ),
    ([, timeline]) => timeline,
  )

const poolSizes = [1, 2, 4, 8] as const

export const twoKnobs: ExerciseDefinition = {
  slug: "two-knobs",
  chapter: 4,
  kind: "predict",
  title: text("Two knobs: pool size against concurrency", "설정값 두 개: 풀 크기 대 동시 실행 수"),
  todo: text(
    "Replace each `todo()` with your prediction: when the run is done for each pool size, and the connections in use.",
    "각 `todo()`를 예측으로 바꾸세요: 풀 크기마다 실행이 끝나는 시각, 그리고 쓰이는 커넥션 수.",
  ),
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      "The supplier calls need no connection: all four run from 0 to 100 ms. Only then do the UPDATEs ask the pool.",
      "공급사 호출에는 커넥션이 필요 없습니다. 넷 모두 0에서 100 ms까지 돕니다. 그다음에야 UPDATE가 풀에 요청합니다.",
    ),
    text(
      "From 100 ms, four UPDATEs of 50 ms share `poolSize` connections: they run in waves of `poolSize`.",
      "100 ms부터 50 ms짜리 UPDATE 네 개가 커넥션 `poolSize`개를 나눠 씁니다. `poolSize`개씩 차례로 돕니다.",
    ),
    text(
      "Pool of 1: 100 + 4 × 50. Pool of 2: 100 + 2 × 50. With 8, there are still only 4 tasks to use it.",
      "풀 크기 1: 100 + 4 × 50. 풀 크기 2: 100 + 2 × 50. 8이어도 그것을 쓸 태스크는 여전히 4개입니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const doneAt = yield* numberRecordAt(exports, "doneAt", poolSizes.map((size) => `pool${size}` as const))
      const inUse = yield* numberAt(exports, "connectionsInUseWithPool8")
      for (const size of poolSizes) {
        const timeline = yield* knobs(size)
        yield* expectNumber(
          text(`\`doneAt.pool${size}\``, `\`doneAt.pool${size}\``),
          doneAt[`pool${size}`],
          timeline.makespan,
          text(
            `The UPDATEs start at 100 ms and run ${Math.min(size, 4)} at a time.`,
            `UPDATE는 100 ms에 시작해 ${Math.min(size, 4)}개씩 돕니다.`,
          ),
        )
        if (size === 8) {
          yield* expectNumber(
            text("`connectionsInUseWithPool8`", "`connectionsInUseWithPool8`"),
            inUse,
            timeline.peakInFlight,
            text(
              "A bigger pool buys time only until it matches the work that can use it: 4 tasks use at most 4 connections.",
              "더 큰 풀은 그것을 쓸 수 있는 일만큼까지만 시간을 벌어 줍니다. 태스크 4개는 커넥션을 최대 4개 씁니다.",
            ),
          )
        }
      }
    }),
}

export const littlesLaw: ExerciseDefinition = {
  slug: "littles-law",
  chapter: 4,
  kind: "size",
  title: text("Little's law: how many workers per connection", "리틀의 법칙: 커넥션 하나에 워커 몇"),
  todo: text(
    "Write the three formulas, then `concurrency` with them.",
    "공식 세 개를 쓰고, 그것으로 `concurrency`를 정하세요.",
  ),
  untouched: "Write the three formulas",
  hints: [
    text(
      "A task takes supplier + UPDATE milliseconds and holds a connection only for the UPDATE.",
      "태스크 하나는 공급사 + UPDATE 밀리초가 걸리고, 커넥션은 UPDATE 동안만 잡습니다.",
    ),
    text(
      "f = update / (supplier + update). Each busy connection needs 1 / f tasks in flight. A connection completes 1000 / update statements a second.",
      "f = update / (supplier + update). 바쁜 커넥션 하나에 진행 중 태스크 1 / f개가 필요합니다. 커넥션 하나는 1초에 1000 / update개의 구문을 끝냅니다.",
    ),
    text(
      "`concurrency = workersToKeepBusy(5, holdingFraction(90, 10))`, which is 5 / 0.1 = 50.",
      "`concurrency = workersToKeepBusy(5, holdingFraction(90, 10))`, 즉 5 / 0.1 = 50.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      yield* expectFormula(
        exports,
        "holdingFraction",
        [[[90, 10], 0.1], [[30, 10], 0.25], [[190, 10], 0.05]],
        text(
          "f is the UPDATE's share of the whole task: update / (supplier + update).",
          "f는 태스크 전체 중 UPDATE의 몫입니다: update / (supplier + update).",
        ),
      )
      yield* expectFormula(
        exports,
        "workersToKeepBusy",
        [[[5, 0.1], 50], [[2, 0.25], 8], [[7, 0.1], 70]],
        text(
          "Little's law: tasks in flight = connections busy / f.",
          "리틀의 법칙: 진행 중 태스크 수 = 바쁜 커넥션 수 / f.",
        ),
      )
      yield* expectFormula(
        exports,
        "maxStatementsPerSecond",
        [[[5, 10], 500], [[2, 20], 100], [[1, 4], 250]],
        text(
          "Each connection completes one statement every `updateMs`: poolSize × 1000 / updateMs a second.",
          "커넥션마다 `updateMs`마다 구문 하나를 끝냅니다: 1초에 poolSize × 1000 / updateMs.",
        ),
      )
      yield* expectNumber(
        text("`concurrency`", "`concurrency`"),
        yield* numberAt(exports, "concurrency"),
        50,
        text(
          "Fewer leave connections idle; more only queue for one (they cost memory, not connections).",
          "그보다 적으면 커넥션이 놀고, 많으면 줄만 섭니다(커넥션이 아니라 메모리를 씁니다).",
        ),
      )
    }),
}

/**
 * A steady run of `concurrency` workers over a `Pool` of `poolSize` connections
 * (supplier `supplierMs`, UPDATE `holdMs`): the count and sum of connection
 * waits at `atMs` and `windowMs` later, as two scrapes of a histogram give them.
 */
const scrapes = (
  poolSize: number,
  concurrency: number,
  supplierMs: number,
  holdMs: number,
  atMs: number,
  windowMs: number,
) =>
  inVirtualTime(Effect.scoped(Effect.gen(function* () {
    const waits = yield* Ref.make({ count: 0, sum: 0 })
    const connections = yield* Pool.make({ acquire: Effect.succeed("connection"), size: poolSize })
    const syncOne = Effect.gen(function* () {
      yield* Effect.sleep(supplierMs)
      const asked = yield* Clock.currentTimeMillis
      yield* Effect.scoped(Effect.gen(function* () {
        yield* Pool.get(connections)
        const waited = (yield* Clock.currentTimeMillis) - asked
        yield* Ref.update(waits, (w) => ({ count: w.count + 1, sum: w.sum + waited }))
        yield* Effect.sleep(holdMs)
      }))
    })
    const run = yield* Effect.fork(Effect.forEach(Array.from({ length: 10_000 }), () => syncOne, { concurrency }))
    yield* Effect.sleep(atMs)
    const before = yield* Ref.get(waits)
    yield* Effect.sleep(windowMs)
    const after = yield* Ref.get(waits)
    yield* Fiber.interrupt(run)
    return { before, after }
  })))

const runs = [
  { poolSize: 1, concurrency: 20, supplierMs: 90, holdMs: 10, atMs: 400, windowMs: 200 },
  { poolSize: 2, concurrency: 12, supplierMs: 60, holdMs: 20, atMs: 1_000, windowMs: 500 },
] as const

export const readTheHistogram: ExerciseDefinition = {
  slug: "read-the-histogram",
  chapter: 4,
  kind: "implement",
  title: text("Measure f from two scrapes of connectionWait", "connectionWait 두 번 읽어 f 재기"),
  todo: text(
    "Write `fromTwoScrapes`: statements per second, statements waiting, hold time and f.",
    "`fromTwoScrapes`를 작성하세요: 초당 구문 수, 대기 중인 구문 수, 점유 시간, f.",
  ),
  untouched: "Write `fromTwoScrapes`",
  hints: [
    text(
      "Only the differences between the two scrapes count: Δcount = after.count − before.count, the same for sum; Δt is `windowMs`.",
      "두 번 읽은 값의 차이만 쓰입니다: Δcount = after.count − before.count, sum도 같게. Δt는 `windowMs`입니다.",
    ),
    text(
      "Mind the units: per second is Δcount × 1000 / windowMs; the sum is in ms, so Δsum / windowMs is a plain count.",
      "단위에 주의하세요: 초당은 Δcount × 1000 / windowMs. sum은 ms이므로 Δsum / windowMs는 그냥 개수입니다.",
    ),
    text(
      "holdMs = poolSize × 1000 / statementsPerSecond; f = poolSize / (concurrency − waiting).",
      "점유 시간: holdMs = poolSize × 1000 / statementsPerSecond, f = poolSize / (concurrency − waiting).",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const read = yield* exported(exports, "fromTwoScrapes")
      if (typeof read !== "function") {
        return yield* notYet(text("`fromTwoScrapes` should be a function.", "`fromTwoScrapes`은(는) 함수여야 합니다."))
      }
      // An unwritten function says so before any run is simulated.
      yield* Effect.sync(() =>
        (read as (...args: ReadonlyArray<unknown>) => unknown)({ count: 0, sum: 0 }, { count: 1, sum: 0 }, 1_000, 1, 2)
      )
      for (const run of runs) {
        const { before, after } = yield* scrapes(
          run.poolSize,
          run.concurrency,
          run.supplierMs,
          run.holdMs,
          run.atMs,
          run.windowMs,
        )
        const reading = yield* Effect.sync(() =>
          (read as (...args: ReadonlyArray<unknown>) => Record<string, unknown>)(
            before,
            after,
            run.windowMs,
            run.poolSize,
            run.concurrency,
          )
        )
        const truth = {
          statementsPerSecond: (run.poolSize * 1000) / run.holdMs,
          holdMs: run.holdMs,
          f: run.holdMs / (run.supplierMs + run.holdMs),
        }
        const setup =
          `pool ${run.poolSize}, ${run.concurrency} workers, supplier ${run.supplierMs} ms, UPDATE ${run.holdMs} ms`
        for (const key of ["statementsPerSecond", "holdMs", "f"] as const) {
          const got = reading?.[key]
          if (typeof got !== "number" || !closeTo(got, truth[key])) {
            return yield* notYet(text(
              `${setup}: scrapes ${JSON.stringify(before)} then ${JSON.stringify(after)} ${run.windowMs} ms later. ` +
                `\`${key}\` came out ${String(got)}; the run's true ${key} is ${truth[key]}.`,
              `${setup}: ${JSON.stringify(before)}, ${run.windowMs} ms 뒤 ${JSON.stringify(after)}. ` +
                `\`${key}\`이(가) ${String(got)}로 나왔습니다. 이 실행의 참값은 ${truth[key]}입니다.`,
            ))
          }
        }
      }
    }),
}
