/**
 * Chapter 10, finding N: when a rate-limited call may start (28), and the
 * AIMD step that moves an adaptive limit (29). Both are the chapter's own
 * predict-then-check questions, now checked: 28 against Effect's real
 * `RateLimiter` in virtual time, 29 on many inputs and on the chapter's run
 * (a service that refuses past 12 in flight).
 */
import { Clock, Effect, RateLimiter } from "effect"
import { inVirtualTime } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { expectList, expectNumber, exported, notYet, numberAt, numbersAt } from "../kit.ts"
import { text } from "../text.ts"

/** Effect's token bucket at `limit` per second, `calls` asking at once: when each starts. */
const startsUnderRate = (limit: number, calls: number) =>
  inVirtualTime(Effect.scoped(Effect.gen(function* () {
    const limiter = yield* RateLimiter.make({ limit, interval: "1 second" })
    return yield* Effect.forEach(Array.from({ length: calls }), () => limiter(Clock.currentTimeMillis), {
      concurrency: "unbounded",
    })
  })))

export const rateLimitStarts: ExerciseDefinition = {
  slug: "rate-limit-starts",
  chapter: 10,
  kind: "predict",
  title: text("A rate limit: when may each call start?", "속도 제한: 각 호출은 언제 시작할 수 있나?"),
  todo: text(
    "Replace each `todo()` with your prediction: when each of the 15 calls starts (ms), and how many started within the first second.",
    "각 `todo()`를 예측으로 바꾸세요: 호출 15개가 각각 시작하는 시각(ms), 그리고 첫 1초 안에 시작한 호출 수.",
  ),
  untouched: "Replace each `todo()` with your prediction",
  hints: [
    text(
      "A token bucket starts full: `limit` calls may start at once, at 0 ms.",
      "토큰 버킷은 가득 찬 채로 시작합니다. `limit`개의 호출이 0 ms에 한꺼번에 시작할 수 있습니다.",
    ),
    text(
      "After that it refills one token every 1000 / limit ms, and each token lets one waiting call start.",
      "그다음에는 1000 / limit ms마다 토큰 하나를 채우고, 토큰 하나가 기다리는 호출 하나를 시작시킵니다.",
    ),
    text(
      '10 per second: ten at 0 ms, then one every 100 ms. "Within the first second" means before 1000 ms.',
      '초당 10: 0 ms에 열 개, 그다음 100 ms마다 하나. "첫 1초 안"은 1000 ms 전을 뜻합니다.',
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const starts = yield* numbersAt(exports, "starts", 15)
      const withinFirstSecond = yield* numberAt(exports, "startedWithinFirstSecond")
      const actual = yield* startsUnderRate(10, 15)
      yield* expectList(
        "starts",
        starts,
        actual,
        text(
          "Effect's RateLimiter (token bucket) lets a full bucket through at once, then one call per refilled token.",
          "Effect의 RateLimiter(토큰 버킷)는 가득 찬 버킷만큼 한꺼번에 보내고, 그다음에는 채워진 토큰마다 호출 하나를 보냅니다.",
        ),
      )
      yield* expectNumber(
        text("`startedWithinFirstSecond`", "`startedWithinFirstSecond`"),
        withinFirstSecond,
        actual.filter((at) => at < 1000).length,
        text(
          "Count the starts before 1000 ms: here all 15 ask at once, so every one of them does. A rate limit caps starts per interval, not calls in flight.",
          "1000 ms 전의 시작을 세세요. 15개가 한꺼번에 요청하므로 모두 그 안에 시작합니다. 속도 제한은 구간마다의 시작 수를 막을 뿐, 진행 중인 호출 수를 막지 않습니다.",
        ),
      )
    }),
}

/** The state an AIMD limit carries from one window to the next. */
interface AimdState {
  readonly limit: number
  readonly probing: boolean
}

interface AimdBounds {
  readonly min: number
  readonly max: number
  readonly backoff: number
}

/** The chapter's rule, to check the learner's against. */
const referenceStep = (state: AimdState, overloaded: boolean, bounds: AimdBounds): AimdState =>
  overloaded
    ? { limit: Math.max(bounds.min, Math.round(state.limit * bounds.backoff)), probing: false }
    : { limit: Math.min(bounds.max, state.probing ? state.limit * 2 : state.limit + 1), probing: state.probing }

/** Windows of an AIMD limit against a service that refuses past `cap` in flight: the limit of each window. */
const limitsOverWindows = (
  step: (state: AimdState, overloaded: boolean, bounds: AimdBounds) => AimdState,
  cap: number,
  windows: number,
  bounds: AimdBounds,
): Array<number> => {
  const limits: Array<number> = []
  let state: AimdState = { limit: bounds.min, probing: true }
  for (let i = 0; i < windows; i++) {
    limits.push(state.limit)
    state = step(state, state.limit > cap, bounds)
  }
  return limits
}

const stepCases: ReadonlyArray<readonly [AimdState, boolean, AimdBounds]> = [
  [{ limit: 1, probing: true }, false, { min: 1, max: 100, backoff: 0.5 }],
  [{ limit: 40, probing: true }, false, { min: 1, max: 64, backoff: 0.9 }],
  [{ limit: 16, probing: true }, true, { min: 1, max: 100, backoff: 0.5 }],
  [{ limit: 10, probing: false }, false, { min: 1, max: 100, backoff: 0.9 }],
  [{ limit: 10, probing: false }, false, { min: 1, max: 10, backoff: 0.9 }],
  [{ limit: 13, probing: false }, true, { min: 1, max: 100, backoff: 0.5 }],
  [{ limit: 3, probing: false }, true, { min: 2, max: 100, backoff: 0.5 }],
  [{ limit: 50, probing: false }, true, { min: 1, max: 100, backoff: 0.9 }],
]

export const aimdByHand: ExerciseDefinition = {
  slug: "aimd-by-hand",
  chapter: 10,
  kind: "implement",
  title: text("AIMD by hand: grow while it works, cut when refused", "AIMD 직접 쓰기: 될 때는 늘리고, 거절되면 줄이기"),
  todo: text(
    "Write `nextLimit`: the limit of the next window, from this window's limit, whether it was overloaded, and the bounds.",
    "`nextLimit`를 쓰세요: 이번 구간의 상한, 과부하였는지, 그리고 경계값으로 다음 구간의 상한을 정합니다.",
  ),
  untouched: "Write `nextLimit`",
  hints: [
    text(
      "An overloaded window cuts: limit × backoff, rounded (Math.round), never below `min`; and probing is over for good.",
      "과부하인 구간은 줄입니다: limit × backoff를 반올림(Math.round)하되 `min` 아래로는 내려가지 않고, 탐색은 영영 끝납니다.",
    ),
    text(
      "A window that went well grows: doubles while still probing, + 1 afterwards; never above `max`.",
      "잘 지나간 구간은 늘립니다: 아직 탐색 중이면 두 배, 그 뒤로는 + 1. `max` 위로는 올라가지 않습니다.",
    ),
    text(
      "Return a new `{ limit, probing }`; `probing` stays as it was unless the window was overloaded.",
      "새 `{ limit, probing }`을 돌려주세요. 과부하가 아니면 `probing`은 그대로입니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const step = yield* exported(exports, "nextLimit")
      if (typeof step !== "function") {
        return yield* notYet(text("`nextLimit` should be a function.", "`nextLimit`은(는) 함수여야 합니다."))
      }
      const learner = step as (state: AimdState, overloaded: boolean, bounds: AimdBounds) => AimdState
      for (const [state, overloaded, bounds] of stepCases) {
        const got: unknown = yield* Effect.sync(() => learner(state, overloaded, bounds))
        const want = referenceStep(state, overloaded, bounds)
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          const args = `${JSON.stringify(state)}, ${overloaded}, ${JSON.stringify(bounds)}`
          return yield* notYet(text(
            `nextLimit(${args}) gave ${JSON.stringify(got)}; it should be ${JSON.stringify(want)}.`,
            `nextLimit(${args})의 값은 ${JSON.stringify(got)}, 맞는 값은 ${JSON.stringify(want)}입니다.`,
          ))
        }
      }
      // The chapter's question 3: from 1, a service that refuses past 12 in flight, backoff 0.5, 8 windows.
      const bounds = { min: 1, max: 100, backoff: 0.5 }
      yield* expectList(
        "the first 8 windows against a cap of 12",
        limitsOverWindows(learner, 12, 8, bounds),
        limitsOverWindows(referenceStep, 12, 8, bounds),
        text(
          "Probing doubles until the cap refuses (at 16), the cut halves it, then it grows by one per window.",
          "탐색은 상한이 거절할 때(16)까지 두 배씩 늘고, 줄일 때 반이 되며, 그다음에는 구간마다 하나씩 늘어납니다.",
        ),
      )
    }),
}
