/** Chapter 5, failures and interruption: fail-fast or collect (18), keeping every failure (19). */
import { Effect, Either } from "effect"
import { pooled } from "poolwise"
import { startsByLabel } from "poolwise/testing"
import type { Timeline } from "poolwise/timeline"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectList, expectNumber, exported, notYet, sameJson, scheduleOf } from "../kit.ts"
import { text } from "../text.ts"

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
