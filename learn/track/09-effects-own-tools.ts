/**
 * Chapter 9, Effect's own tools: `Effect.forEach` three ways (9), `Stream.mapEffect`
 * ordered or not (10), `"inherit"` (11), a `Semaphore` shared by two callers (12),
 * a `Pool` of connections (13), chunks against a pool (14). Exercises 9, 10 and 14
 * are the chapter's old predict-then-check questions, now checked.
 */
import { Chunk, Effect, Pool, Stream } from "effect"
import { chunked } from "poolwise"
import { sleepFor } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectNumber, notYet, numberAt, numbersAt, sameJson, scheduleOf } from "../kit.ts"
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

const skuLatency: Readonly<Record<string, number>> = { a1: 100, a2: 300, a3: 200, b1: 100, b2: 300, b3: 200 }

export const oneSupplierTwoCallers: ExerciseDefinition = {
  slug: "one-supplier-two-callers",
  chapter: 9,
  kind: "implement",
  title: text("One supplier, two callers: a Semaphore", "공급사 하나, 호출하는 쪽 둘: 세마포어"),
  todo: text(
    "Write `limitSupplier`: a `fetch` that never has more than 2 requests in flight, across every caller.",
    "`limitSupplier`를 작성하세요: 모든 호출을 합쳐 진행 중인 요청이 2개를 넘지 않는 `fetch`.",
  ),
  untouched: "Write `limitSupplier`",
  hints: [
    text(
      "A cap on a resource that several callers share is a `Semaphore`: each request holds a permit while it runs.",
      "여러 호출이 공유하는 자원의 상한은 세마포어입니다. 요청은 도는 동안 permit 하나를 잡습니다.",
    ),
    text(
      "`Effect.makeSemaphore(2)` makes one (an Effect: make it once, in `limitSupplier`); `semaphore.withPermits(1)(effect)` runs `effect` holding a permit.",
      "`Effect.makeSemaphore(2)`가 만듭니다(Effect입니다. `limitSupplier`에서 한 번만 만드세요). `semaphore.withPermits(1)(effect)`는 permit을 잡고 `effect`를 돌립니다.",
    ),
    text(
      "In code: `Effect.map(Effect.makeSemaphore(2), (supplier) => (sku: string) => supplier.withPermits(1)(fetch(sku)))`.",
      "코드로는: `Effect.map(Effect.makeSemaphore(2), (supplier) => (sku: string) => supplier.withPermits(1)(fetch(sku)))`.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const limitSupplier = yield* effectFunctionAt(exports, "limitSupplier")
      const [, timeline] = yield* scheduleOf((probe) =>
        Effect.gen(function* () {
          const fetch = probe.calls((sku: string) => Effect.as(Effect.sleep(skuLatency[sku]!), sku), (sku) => sku)
          const limited = (yield* limitSupplier(fetch)) as (sku: string) => Effect.Effect<string>
          const prices = Effect.forEach(["a1", "a2", "a3"], limited, { concurrency: "unbounded" })
          const stock = Effect.forEach(["b1", "b2", "b3"], limited, { concurrency: "unbounded" })
          return yield* Effect.all([prices, stock], { concurrency: "unbounded" })
        })
      )
      const calls = timeline.spans.length
      if (calls !== 6) {
        return yield* notYet(text(
          `The supplier got ${calls} requests; the two callers sent 6.`,
          `공급사가 받은 요청은 ${calls}개, 두 호출이 보낸 것은 6개입니다.`,
        ))
      }
      if (timeline.peakInFlight > 2) {
        return yield* notYet(text(
          `${timeline.peakInFlight} requests were in flight at once; the supplier allows 2. ` +
            "If every call makes its own semaphore, nothing is shared: make it once, in `limitSupplier`, and use it in the function it returns.",
          `진행 중인 요청이 한때 ${timeline.peakInFlight}개였습니다. 공급사는 2개까지 받습니다. ` +
            "호출마다 세마포어를 만들면 아무것도 공유되지 않습니다. `limitSupplier`에서 한 번 만들고, 돌려주는 함수에서 쓰세요.",
        ))
      }
      yield* expectNumber(
        text("The most requests in flight", "진행 중인 요청의 최고치"),
        2,
        timeline.peakInFlight,
        text("The supplier allows 2 at a time: use both.", "공급사는 한 번에 2개를 받습니다. 둘 다 쓰세요."),
      )
      yield* expectNumber(
        text("Done at (ms)", "끝난 시각(ms)"),
        600,
        timeline.makespan,
        text(
          "1,200 ms of requests, 2 at a time, end at 600 ms when no permit is left idle.",
          "요청이 모두 1,200 ms, 한 번에 2개씩이면 permit이 놀지 않을 때 600 ms에 끝납니다.",
        ),
      )
    }),
}

export const lendAConnection: ExerciseDefinition = {
  slug: "lend-a-connection",
  chapter: 9,
  kind: "implement",
  title: text("Lend a connection: Effect's Pool", "커넥션 빌려주기: Effect의 Pool"),
  todo: text(
    "Write `withConnection`: borrow a connection from the pool, run `use`, give it back.",
    "`withConnection`을 작성하세요: 풀에서 커넥션을 빌려 `use`를 돌리고 돌려줍니다.",
  ),
  untouched: "Write `withConnection`",
  hints: [
    text(
      "`Pool.get(pool)` borrows a connection for as long as the current scope lasts.",
      "`Pool.get(pool)`은 현재 scope가 이어지는 동안 커넥션을 빌립니다.",
    ),
    text(
      "So give `use` a scope of its own that closes when it is done: `Effect.scoped(…)` around the borrow and the use.",
      "그러니 `use`가 끝나면 닫히는 scope를 따로 주세요. 빌리기와 쓰기를 `Effect.scoped(…)`로 감쌉니다.",
    ),
    text(
      "In code: `Effect.scoped(Effect.flatMap(Pool.get(pool), use))`.",
      "코드로는: `Effect.scoped(Effect.flatMap(Pool.get(pool), use))`.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const withConnection = yield* effectFunctionAt(exports, "withConnection")
      let opened = 0
      const [used, timeline] = yield* scheduleOf((probe) =>
        Effect.scoped(Effect.gen(function* () {
          const connections = yield* Pool.make({ acquire: Effect.sync(() => ++opened), size: 2 })
          const lookup = probe.calls(
            (ms: number, _task: number, connection: number) => Effect.as(Effect.sleep(ms), connection),
            (_ms, task) => String(task),
          )
          return yield* Effect.forEach(
            lookups,
            (ms, index) => withConnection(connections, (connection: number) => lookup(ms, index + 1, connection)),
            { concurrency: "unbounded" },
          )
        }))
      )
      yield* expectSchedule(timeline, pool(2), lookups, {
        about: text("With 2 connections", "커넥션이 2개일 때"),
      })
      if (opened !== 2 || !sameJson(used, [1, 2, 1])) {
        return yield* notYet(text(
          `The lookups used connections ${JSON.stringify(used)} of ${opened} opened; expected [1, 2, 1] of 2: ` +
            "task 3 gets the connection task 1 gave back.",
          `조회가 쓴 커넥션은 ${JSON.stringify(used)}, 연 커넥션은 ${opened}개입니다. 기대한 것은 2개 중 [1, 2, 1]: ` +
            "태스크 3은 태스크 1이 돌려준 커넥션을 받습니다.",
        ))
      }
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
