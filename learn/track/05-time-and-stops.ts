/** Chapter 5, failures and interruption: a time limit per task (20), a graceful stop (21). */
import { Effect, Either } from "effect"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectList, expectNumber, notYet, scheduleOf } from "../kit.ts"
import { drawTogether } from "../schedule.ts"
import { text } from "../text.ts"

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
