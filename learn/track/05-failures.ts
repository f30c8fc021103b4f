/** Chapter 5, failures and interruption: fail-fast or collect (18, 19), a time limit per task (20), a graceful stop (21). */
import { Effect, Either } from "effect"
import { pooled } from "poolwise"
import { startsByLabel } from "poolwise/testing"
import type { Timeline } from "poolwise/timeline"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectNumber, exported, notYet, sameJson, scheduleOf } from "../kit.ts"
import { drawTogether } from "../schedule.ts"
import { type Text, text } from "../text.ts"

const jobs = [
  { name: "a", ms: 200 },
  { name: "b", ms: 100 },
  { name: "boom", ms: 150 },
  { name: "d", ms: 80 },
  { name: "e", ms: 100 },
] as const
type Job = (typeof jobs)[number]

const runJobs = (mode: "fail-fast" | "collect") =>
  scheduleOf((probe) =>
    Effect.either(pooled(
      jobs,
      probe.task((job: Job) =>
        Effect.zipRight(
          Effect.sleep(job.ms),
          job.name === "boom" ? Effect.fail("boom failed") : Effect.succeed(job.name),
        ), (job) => job.name),
      { concurrency: 2, mode },
    ))
  )

const namesBy = (timeline: Timeline, keep: (outcome: string) => boolean) =>
  timeline.spans.filter((span) => keep(span.outcome)).map((span) => span.label)

const expectList = (what: string, predicted: unknown, actual: ReadonlyArray<unknown>, why: Text, timeline?: Timeline) =>
  sameJson(predicted, actual) ? Effect.void : notYet(
    text(
      `\`${what}\`: you said ${JSON.stringify(predicted)}; it is ${JSON.stringify(actual)}. ${why.en}`,
      `\`${what}\`: 예측은 ${JSON.stringify(predicted)}, 실제는 ${JSON.stringify(actual)}입니다. ${why.ko}`,
    ),
    timeline === undefined ? undefined : drawTogether([[text("what it did", "실제 스케줄"), timeline]]),
  )

export const failFastOrCollect: ExerciseDefinition = {
  slug: "fail-fast-or-collect",
  chapter: 5,
  kind: "predict",
  title: text(
    "Fail-fast or collect: who starts, who is interrupted",
    "fail-fast 또는 collect: 누가 시작하고 누가 인터럽트되나",
  ),
  todo: text("Replace each `todo()` with your prediction.", "각 `todo()`를 예측으로 바꾸세요."),
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      'Draw the two slots first. Who takes the slot "b" frees at 100 ms? When does "boom" fail?',
      '먼저 슬롯 두 개를 그리세요. "b"가 100 ms에 비우는 슬롯은 누가 받나요? "boom"은 언제 실패하나요?',
    ),
    text(
      "Fail-fast: at the failure, the jobs still running are interrupted and no job starts after it. Collect: a failure frees its slot like a success.",
      "fail-fast: 실패하는 순간 아직 도는 작업은 인터럽트되고 그 뒤로는 아무것도 시작하지 않습니다. collect: 실패도 성공처럼 슬롯을 비웁니다.",
    ),
    text(
      '"boom" runs 100-250 ms; "a" ends at 200, so "d" starts at 200 and is still running at 250.',
      '"boom"은 100-250 ms에 돕니다. "a"가 200에 끝나므로 "d"는 200에 시작하고 250에는 아직 돌고 있습니다.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const [, failFast] = yield* runJobs("fail-fast")
      const started = Object.entries(startsByLabel(failFast)).sort(([, a], [, b]) => a - b).map(([name]) => name)
      yield* expectList(
        "failFastStarted",
        yield* exported(exports, "failFastStarted"),
        started,
        text(
          "A freed slot takes the next job at once, until the failure; after it, nothing starts.",
          "빈 슬롯은 실패 전까지 바로 다음 작업을 받습니다. 실패 뒤에는 아무것도 시작하지 않습니다.",
        ),
        failFast,
      )
      yield* expectList(
        "failFastInterrupted",
        yield* exported(exports, "failFastInterrupted"),
        namesBy(failFast, (o) => o === "interrupted"),
        text(
          "At the failure, every job still running is interrupted.",
          "실패하는 순간 아직 도는 작업은 모두 인터럽트됩니다.",
        ),
        failFast,
      )
      const [settled, collect] = yield* runJobs("collect")
      const outcome = Either.getOrThrow(settled) as {
        readonly results: ReadonlyArray<Either.Either<string, unknown>>
        readonly errors: ReadonlyArray<{ readonly index: number }>
      }
      yield* expectList(
        "collectSucceeded",
        yield* exported(exports, "collectSucceeded"),
        outcome.results.flatMap((r) => Either.isRight(r) ? [r.right] : []),
        text(
          'Collect runs every job; only "boom" fails.',
          'collect는 모든 작업을 돌립니다. "boom"만 실패합니다.',
        ),
        collect,
      )
      yield* expectList(
        "collectFailedIndexes",
        yield* exported(exports, "collectFailedIndexes"),
        outcome.errors.map((e) => e.index),
        text(
          'Indexes count from 0: "boom" is the third job.',
          '인덱스는 0부터 셉니다. "boom"은 세 번째 작업입니다.',
        ),
      )
    }),
}

const ids = Array.from({ length: 10 }, (_, i) => i + 1)
const failing: ReadonlyMap<number, string> = new Map([[4, "supplier says: unknown product"], [7, "deadlock"]])

export const keepEveryFailure: ExerciseDefinition = {
  slug: "keep-every-failure",
  chapter: 5,
  kind: "fix",
  title: text("Keep every failure: collect mode", "실패를 모두 남기기: collect 모드"),
  todo: text("Fix `syncAndReport`.", "`syncAndReport`를 고치세요."),
  untouched: "The run stopped at the first failure",
  hints: [
    text(
      'Every runner takes a `mode`. The default, `"fail-fast"`, ends the run at the first failure.',
      '모든 러너는 `mode`를 받습니다. 기본값 `"fail-fast"`는 첫 실패에서 실행을 끝냅니다.',
    ),
    text(
      'With `mode: "collect"`, `pooled` succeeds with a `Settled`: `results[i]` is an `Either` per product, `errors` lists each failure with its `index`, `item` and `error`.',
      '`mode: "collect"`면 `pooled`는 `Settled`로 성공합니다. `results[i]`는 상품마다 `Either`, `errors`는 실패마다 `index`, `item`, `error`를 담습니다.',
    ),
    text(
      "In code: `synced: ids.filter((_, i) => Either.isRight(settled.results[i]!))`, `failed: settled.errors.map((failure) => failure.error)`.",
      "코드로는: `synced: ids.filter((_, i) => Either.isRight(settled.results[i]!))`, `failed: settled.errors.map((failure) => failure.error)`.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const syncAndReport = yield* effectFunctionAt(exports, "syncAndReport")
      const [report, timeline] = yield* scheduleOf((probe) =>
        Effect.either(syncAndReport(
          ids,
          probe.calls((id: number) => {
            const reason = failing.get(id)
            return reason === undefined
              ? Effect.sleep(100)
              : Effect.zipRight(Effect.sleep(50), Effect.fail({ id, reason }))
          }, String),
        ))
      )
      if (Either.isLeft(report)) {
        return yield* notYet(text(
          `The run stopped at the first failure (${JSON.stringify(report.left)}): fail-fast. ` +
            `Only ${timeline.spans.length} of ${ids.length} products were tried, and the report never came.`,
          `첫 실패(${JSON.stringify(report.left)})에서 실행이 멈췄습니다: fail-fast. ` +
            `상품 ${ids.length}개 중 ${timeline.spans.length}개만 시도했고 리포트는 나오지 않았습니다.`,
        ))
      }
      if (timeline.spans.length !== ids.length) {
        return yield* notYet(text(
          `${timeline.spans.length} of ${ids.length} products were tried: every one must be.`,
          `상품 ${ids.length}개 중 ${timeline.spans.length}개를 시도했습니다. 모두 시도해야 합니다.`,
        ))
      }
      yield* expectNumber(
        text("The most syncs in flight", "진행 중인 동기화의 최고치"),
        timeline.peakInFlight,
        3,
        text(
          "Keep the limit of 3.",
          "상한 3은 그대로 두세요.",
        ),
      )
      const expected = {
        synced: ids.filter((id) => !failing.has(id)),
        failed: [...failing].map(([id, reason]) => ({ id, reason })),
      }
      if (!sameJson(report.right, expected)) {
        return yield* notYet(text(
          `Every product was tried, but the report reads ${JSON.stringify(report.right)}; expected ${
            JSON.stringify(expected)
          }.`,
          `모든 상품을 시도했지만 리포트는 ${JSON.stringify(report.right)}입니다. 기대한 값: ${
            JSON.stringify(expected)
          }.`,
        ))
      }
    }),
}

const fetchItems = [200, 5_000, 300, 1_500, 100]

export const aTimeLimitPerTask: ExerciseDefinition = {
  slug: "a-time-limit-per-task",
  chapter: 5,
  kind: "fix",
  title: text("A time limit per task", "태스크마다 시간 제한"),
  todo: text("Fix `fetchAll`: at most 1 second per call.", "`fetchAll`을 고치세요: 호출마다 최대 1초."),
  untouched: "The run took 5000 ms",
  hints: [
    text(
      "The limit belongs to each task, not to the whole run: wrap the task, not the runner.",
      "상한은 실행 전체가 아니라 태스크마다의 것입니다. 러너가 아니라 태스크를 감싸세요.",
    ),
    text(
      '"poolwise" has `withTaskTimeout(task, duration)`: the same task, failing with a `TaskTimeoutError` naming the item when it takes longer.',
      '"poolwise"의 `withTaskTimeout(task, duration)`: 같은 태스크인데, 더 오래 걸리면 그 아이템을 가리키는 `TaskTimeoutError`로 실패합니다.',
    ),
    text(
      'In code: `pooled(items, withTaskTimeout(fetch, "1 second"), { concurrency: 2, mode: "collect" })`.',
      '코드로는: `pooled(items, withTaskTimeout(fetch, "1 second"), { concurrency: 2, mode: "collect" })`.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const fetchAll = yield* effectFunctionAt(exports, "fetchAll")
      const [result, timeline] = yield* scheduleOf((probe) =>
        fetchAll(fetchItems, probe.task((ms: number) => Effect.as(Effect.sleep(ms), ms)))
      )
      const report = result as { readonly fetched?: unknown; readonly timedOut?: unknown }
      if (timeline.makespan > 1_500) {
        return yield* notYet(
          text(
            `The run took ${timeline.makespan} ms: task 2 (5,000 ms) kept its slot the whole time, and nothing timed out. ` +
              "Each call may take at most 1 second.",
            `실행이 ${timeline.makespan} ms 걸렸습니다. 태스크 2(5,000 ms)가 슬롯을 내내 잡았고 아무것도 타임아웃되지 않았습니다. ` +
              "호출마다 최대 1초입니다.",
          ),
          drawTogether([[text("your schedule", "작성한 코드의 스케줄"), timeline]]),
        )
      }
      yield* expectList(
        "timedOut",
        report.timedOut,
        [1, 3],
        text(
          "Items 1 (5,000 ms) and 3 (1,500 ms) pass the 1 s limit.",
          "아이템 1(5,000 ms)과 3(1,500 ms)이 1초 제한을 넘습니다.",
        ),
        timeline,
      )
      yield* expectList(
        "fetched",
        report.fetched,
        [200, 300, 100],
        text(
          "The other three finish in time.",
          "나머지 셋은 제시간에 끝납니다.",
        ),
        timeline,
      )
      yield* expectNumber(
        text("Done at (ms)", "끝난 시각(ms)"),
        timeline.makespan,
        1_500,
        text(
          "Item 3 starts at 500 ms and is cut off at 1,500.",
          "아이템 3은 500 ms에 시작해 1,500에 끊깁니다.",
        ),
      )
    }),
}

const stopItems = [100, 300, 2_000, 200, 50, 80]

export const stopGracefully: ExerciseDefinition = {
  slug: "stop-gracefully",
  chapter: 5,
  kind: "fix",
  title: text("Stop gracefully: halt, then interrupt", "안전하게 멈추기: 먼저 halt, 그다음 인터럽트"),
  todo: text("Fix `runUntilStopped`.", "`runUntilStopped`를 고치세요."),
  untouched: "the stop interrupted task 4",
  hints: [
    text(
      "Runners take two stop signals: `haltWhen` (no new item starts; running items finish) and `interruptWhen` (running items are interrupted).",
      "러너는 멈춤 신호를 두 가지 받습니다: `haltWhen`(새 아이템은 시작하지 않고, 도는 아이템은 끝냄)과 `interruptWhen`(도는 아이템을 인터럽트).",
    ),
    text(
      'Give both: halt on the signal, interrupt a little later. Each is any Effect; "a second after the signal" is the signal followed by a sleep.',
      '둘 다 주세요. 신호에 halt, 조금 뒤에 인터럽트. 각각 아무 Effect나 됩니다. "신호 1초 뒤"는 신호 다음에 sleep입니다.',
    ),
    text(
      'In code: `haltWhen: stop, interruptWhen: Effect.zipRight(stop, Effect.sleep("1 second"))`.',
      '코드로는: `haltWhen: stop, interruptWhen: Effect.zipRight(stop, Effect.sleep("1 second"))`.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const runUntilStopped = yield* effectFunctionAt(exports, "runUntilStopped")
      const [result, timeline] = yield* scheduleOf((probe) =>
        runUntilStopped(
          stopItems,
          probe.task((ms: number) => Effect.as(Effect.sleep(ms), ms)),
          Effect.sleep("400 millis"),
        )
      )
      const settled = result as {
        readonly results?: ReadonlyArray<Either.Either<number, unknown>>
        readonly notRun?: ReadonlyArray<{ readonly index: number; readonly reason: string }>
      }
      const cut = timeline.spans.find((span) => span.index === 3 && span.outcome === "interrupted")
      if (cut !== undefined) {
        return yield* notYet(
          text(
            `At ${cut.end} ms the stop interrupted task 4, which would have finished at 500 ms. ` +
              "A graceful stop lets running items finish, and interrupts only what still runs a second later.",
            `${cut.end} ms에 멈춤이 태스크 4를 인터럽트했는데, 그것은 500 ms에 끝났을 것입니다. ` +
              "안전한 멈춤은 도는 아이템을 끝내게 두고, 1초 뒤에도 도는 것만 인터럽트합니다.",
          ),
          drawTogether([[text("your schedule", "작성한 코드의 스케줄"), timeline]]),
        )
      }
      const notRun = (settled.notRun ?? []).map((n) => `${n.index}: ${n.reason}`)
      yield* expectList(
        "notRun",
        notRun,
        ["2: interrupted", "4: stopped", "5: stopped"],
        text(
          "From 400 ms nothing new starts (items 4 and 5); item 2, still running at 1,400 ms, is interrupted.",
          "400 ms부터 새로 시작하는 것은 없고(아이템 4와 5), 1,400 ms에도 도는 아이템 2는 인터럽트됩니다.",
        ),
        timeline,
      )
      const finished = (settled.results ?? []).flatMap((r) => Either.isRight(r) ? [r.right] : [])
      yield* expectList(
        "finished",
        finished,
        [100, 300, 200],
        text(
          "Items 0, 1 and 3 finish: item 3 ran past the signal, to 500 ms.",
          "아이템 0, 1, 3이 끝납니다. 아이템 3은 신호 뒤 500 ms까지 돌았습니다.",
        ),
        timeline,
      )
      yield* expectNumber(
        text("Done at (ms)", "끝난 시각(ms)"),
        timeline.makespan,
        1_400,
        text(
          "The deadline is 1 s after the signal at 400 ms.",
          "마감은 400 ms의 신호 1초 뒤입니다.",
        ),
      )
    }),
}
