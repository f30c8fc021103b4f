/** Chapter 3, testing time: fork, adjust, poll (6), the ordering traps (7), writing a proof of one's own (8). */
import { Cause, Chunk, Clock, Deferred, Effect, Exit, Option, TestClock, TestContext } from "effect"
import { chunked, pooled } from "poolwise"
import { sleepFor } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectNumber, notYet, numberAt, numbersAt, sameJson } from "../kit.ts"
import { runUntilStuck } from "../stuck.ts"
import { type Text, text } from "../text.ts"

const blogPool = Effect.orDie(pooled([100, 300, 200], sleepFor, { concurrency: 2 }))

const doneCases: ReadonlyArray<readonly [Text, Effect.Effect<unknown>, number, boolean]> = [
  [text("the blog's pool (done at 300 ms)", "블로그의 풀(300 ms에 끝남)"), blogPool, 299, false],
  [text("the blog's pool (done at 300 ms)", "블로그의 풀(300 ms에 끝남)"), blogPool, 300, true],
  [text("a sleep of 50 ms", "50 ms sleep"), Effect.sleep(50), 49, false],
  [text("a sleep of 50 ms", "50 ms sleep"), Effect.sleep(50), 1_000, true],
  [text("an effect that never sleeps", "잠들지 않는 effect"), Effect.succeed(1), 0, true],
]

export const forkThenAdjust: ExerciseDefinition = {
  slug: "fork-then-adjust",
  chapter: 3,
  kind: "fix",
  title: text("Fork, then adjust: not done at 299 ms, done at 300", "fork 다음에 adjust: 299 ms에는 아직, 300 ms에 끝"),
  todo: text("Fix `isDoneAfter`.", "`isDoneAfter`를 고치세요."),
  untouched: "never answered",
  hints: [
    text(
      "The fiber that sleeps cannot be the one that moves the clock. Who moves it here, and when?",
      "잠든 fiber는 시계를 움직일 수 없습니다. 여기서 시계는 누가, 언제 움직이나요?",
    ),
    text(
      "Three steps: `Effect.fork(program)` (it sleeps in a fiber of its own), `TestClock.adjust(ms)`, then ask the fiber without waiting for it.",
      "세 단계입니다: `Effect.fork(program)`(자기 fiber에서 잠듦), `TestClock.adjust(ms)`, 그리고 기다리지 않고 fiber에 묻기.",
    ),
    text(
      "`const fiber = yield* Effect.fork(program)`, `yield* TestClock.adjust(ms)`, `return Option.isSome(yield* Fiber.poll(fiber))`. `Fiber.join` would wait for a program that is not done.",
      "`const fiber = yield* Effect.fork(program)`, `yield* TestClock.adjust(ms)`, `return Option.isSome(yield* Fiber.poll(fiber))`. `Fiber.join`은 끝나지 않은 프로그램을 기다려 버립니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const isDoneAfter = yield* effectFunctionAt(exports, "isDoneAfter")
      for (const [name, program, ms, expected] of doneCases) {
        const exit = yield* runUntilStuck(Effect.provide(isDoneAfter(program, ms), TestContext.TestContext))
        if (Option.isNone(exit)) {
          return yield* notYet(text(
            `isDoneAfter(${name.en}, ${ms}) never answered: the program sleeps on the TestClock, and the ` +
              "`TestClock.adjust` that would wake it comes after it, in the same fiber (or a `Fiber.join` waits for it). " +
              "Nothing can move the clock any more.",
            `isDoneAfter(${name.ko}, ${ms})은(는) 끝내 답하지 않았습니다. 프로그램이 TestClock 위에서 잠들었는데, ` +
              "그것을 깨울 `TestClock.adjust`가 같은 fiber에서 그 뒤에 옵니다(또는 `Fiber.join`이 그것을 기다립니다). " +
              "이제 아무것도 시계를 움직일 수 없습니다.",
          ))
        }
        if (Exit.isFailure(exit.value)) return yield* Exit.failCause(exit.value.cause)
        const answer = exit.value.value
        if (answer !== expected) {
          return yield* notYet(text(
            `isDoneAfter(${name.en}, ${ms}) answered ${String(answer)}; it should be ${expected}.`,
            `isDoneAfter(${name.ko}, ${ms})의 답은 ${String(answer)}, 맞는 답은 ${expected}입니다.`,
          ))
        }
      }
    }),
}

/** The programs of exercise 7, run for real. */
const inTestContext = <A>(effect: Effect.Effect<A>) => Effect.provide(effect, TestContext.TestContext)

/** When the one sleeper on the TestClock is due, once the program has had every chance to start it. */
const dueAt = Effect.gen(function* () {
  yield* TestClock.adjust(0) // lets the forked fibers run until they wait
  const sleeps = yield* TestClock.sleeps()
  return Chunk.reduce(sleeps, Infinity, (earliest, due) => Math.min(earliest, due))
})

const sleepAfterAdjust = inTestContext(Effect.gen(function* () {
  yield* TestClock.adjust("300 millis")
  yield* Effect.fork(Effect.sleep("300 millis"))
  return yield* dueAt
}))

const oneTest = Effect.zipRight(TestClock.adjust("1 second"), Clock.currentTimeMillis)
const fresh = Effect.all([inTestContext(oneTest), inTestContext(oneTest)])
const shared = inTestContext(Effect.all([oneTest, oneTest]))

const afterPromise = inTestContext(Effect.gen(function* () {
  const waiting = yield* Deferred.make<void>()
  let resolve = () => {}
  const outside = Effect.promise(() => new Promise<void>((done) => (resolve = done)))
  yield* Effect.fork(
    Deferred.succeed(waiting, undefined).pipe(Effect.zipRight(outside), Effect.zipRight(Effect.sleep("100 millis"))),
  )
  yield* Deferred.await(waiting)
  yield* TestClock.adjust("100 millis")
  resolve()
  return yield* dueAt
}))

export const whenIsItDue: ExerciseDefinition = {
  slug: "when-is-it-due",
  chapter: 3,
  kind: "predict",
  title: text("Three traps: when is the sleep due?", "함정 세 가지: sleep은 언제 깨어날까"),
  todo: text(
    "Replace each `todo()` with your prediction (clock times in ms).",
    "각 `todo()`를 예측으로 바꾸세요(시계 시각, ms).",
  ),
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      'A sleep is due at "now + duration", where now is the clock\'s time when the sleep starts, not when the program began.',
      'sleep은 "지금 + 길이"에 깨어나는데, 지금은 프로그램이 시작한 때가 아니라 sleep이 시작할 때의 시계입니다.',
    ),
    text(
      "A TestContext holds one TestClock. `it.effect` gives each test a new one (at 0); a shared layer gives the same one to every test. In C, when does the sleep start?",
      "TestContext에는 TestClock이 하나 있습니다. `it.effect`는 테스트마다 새것(0)을, 공유 레이어는 모든 테스트에 같은 것을 줍니다. C에서 sleep은 언제 시작하나요?",
    ),
    text(
      "A: the sleep starts at 300. B: 1 second per test, from 0 each time, or added up. C: the sleep starts when the promise resolves, after the first adjust.",
      "A: sleep은 300에 시작합니다. B: 테스트마다 1초, 매번 0부터이거나 누적이거나. C: sleep은 promise가 끝날 때, 첫 adjust 뒤에 시작합니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const sleepDueAt = yield* numberAt(exports, "sleepDueAt")
      yield* expectNumber(
        text("A, `sleepDueAt`", "A, `sleepDueAt`"),
        sleepDueAt,
        yield* sleepAfterAdjust,
        text(
          "The adjust came before the sleep existed: the sleep starts at 300 and is due 300 ms later.",
          "sleep이 생기기 전에 adjust했습니다. sleep은 300에 시작해 300 ms 뒤에 깨어납니다.",
        ),
      )
      for (
        const [name, readings, why] of [
          [
            "freshReadings",
            fresh,
            text("Each TestContext is a new clock at 0.", "TestContext마다 0에서 시작하는 새 시계입니다."),
          ],
          [
            "sharedReadings",
            shared,
            text(
              "One clock for both: the second test starts at 1000.",
              "둘이 시계 하나를 씁니다. 두 번째 테스트는 1000에서 시작합니다.",
            ),
          ],
        ] as const
      ) {
        const predicted = yield* numbersAt(exports, name, 2)
        const actual = yield* readings
        if (!sameJson(predicted, actual)) {
          return yield* notYet(text(
            `B, \`${name}\`: you said ${JSON.stringify(predicted)}, they read ${JSON.stringify(actual)}. ${why.en}`,
            `B, \`${name}\`: 예측은 ${JSON.stringify(predicted)}, 읽은 값은 ${JSON.stringify(actual)}입니다. ${why.ko}`,
          ))
        }
      }
      yield* expectNumber(
        text("C, `afterPromiseDueAt`", "C, `afterPromiseDueAt`"),
        yield* numberAt(exports, "afterPromiseDueAt"),
        yield* afterPromise,
        text(
          "`adjust` does not wait for a promise: the sleep starts when the promise resolves, at 100, so it is due at 200.",
          "`adjust`는 promise를 기다리지 않습니다. sleep은 promise가 끝나는 100에 시작하므로 200에 깨어납니다.",
        ),
      )
    }),
}

type Runner = (
  items: ReadonlyArray<number>,
  task: (ms: number, index: number) => Effect.Effect<number>,
) => Effect.Effect<ReadonlyArray<number>>

const wrongRunners: ReadonlyArray<readonly [Text, Runner]> = [
  [
    text("chunks of 2 (task 3 at 300 ms)", "크기 2의 청크(태스크 3이 300 ms에)"),
    (items, task) => Effect.orDie(chunked(items, task, { chunkSize: 2 })),
  ],
  [
    text("a pool of 3 (3 in flight)", "워커 3개의 풀(3개가 진행 중)"),
    (items, task) => Effect.orDie(pooled(items, task, { concurrency: 3 })),
  ],
  [text("one at a time", "하나씩 차례로"), (items, task) => Effect.forEach(items, task)],
]

export const writeTheProof: ExerciseDefinition = {
  slug: "write-the-proof",
  chapter: 3,
  kind: "implement",
  title: text("Write the proof: a pool of 2, and nothing else", "증명을 직접: 워커 2개의 풀, 그 밖의 것은 안 됨"),
  todo: text(
    "Write `provePoolOf2(run)` with `predictTimeline` and the assertions of `poolwise/testing`.",
    "`poolwise/testing`의 `predictTimeline`과 단언들로 `provePoolOf2(run)`을 작성하세요.",
  ),
  untouched: "Write `provePoolOf2(run)`",
  hints: [
    text(
      "Work out the pool's schedule first: two slots, tasks of 100, 300, 200, 100 ms, each task on the slot that frees up first.",
      "먼저 풀의 스케줄을 구하세요: 슬롯 두 개, 100, 300, 200, 100 ms짜리 태스크, 각 태스크는 가장 먼저 비는 슬롯에.",
    ),
    text(
      "`const [, timeline] = yield* predictTimeline((probe) => run([100, 300, 200, 100], probe.task(sleepFor)))`, then `yield*` the assertions on `timeline`.",
      "`const [, timeline] = yield* predictTimeline((probe) => run([100, 300, 200, 100], probe.task(sleepFor)))`, 그다음 `timeline`에 대한 단언을 `yield*`하세요.",
    ),
    text(
      "Starts [0, 0, 100, 300] (by index), done at 400 ms, at most 2 in flight: `assertStarts`, `assertMakespan`, `assertPeakInFlight`.",
      "시작 [0, 0, 100, 300](인덱스 순), 400 ms에 끝, 진행 중 최대 2개: `assertStarts`, `assertMakespan`, `assertPeakInFlight`.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const prove = yield* effectFunctionAt(exports, "provePoolOf2")
      const right: Runner = (items, task) => Effect.orDie(pooled(items, task, { concurrency: 2 }))
      const onRight = yield* Effect.exit(prove(right))
      if (Exit.isFailure(onRight)) {
        // A throw (a `todo()` left) is the learner's code, not the proof's verdict: reported as such.
        if (Option.isSome(Cause.dieOption(onRight.cause))) return yield* Effect.failCause(onRight.cause)
        const said = Option.match(Cause.failureOption(onRight.cause), {
          onNone: () => "",
          onSome: (error) => error instanceof Error ? error.message.split("\n")[0]! : String(error),
        })
        return yield* notYet(text(
          `Your proof fails for a pool of 2, the one schedule it must accept.${said === "" ? "" : ` It said: ${said}`}`,
          `워커 2개의 풀, 반드시 통과시켜야 하는 스케줄에서 증명이 실패합니다.${said === "" ? "" : ` 메시지: ${said}`}`,
        ))
      }
      for (const [name, runner] of wrongRunners) {
        const exit = yield* Effect.exit(prove(runner))
        if (Exit.isSuccess(exit)) {
          return yield* notYet(text(
            `Your proof also passes for ${name.en}: it must fail there. What does that runner do differently?`,
            `증명이 ${name.ko}에서도 통과합니다. 거기서는 실패해야 합니다. 그 러너는 무엇이 다른가요?`,
          ))
        }
      }
    }),
}
