/**
 * Exercise 6 · fix · chapter 3, Testing time without waiting (docs/03-testing-time.md)
 *
 * `isDoneAfter(program, ms)` should answer: once the TestClock has moved `ms`
 * milliseconds, has `program` finished? With it, "not done at 299 ms, done at
 * 300 ms" pins a makespan from both sides. As written, it never answers for
 * a program that sleeps: run it and see.
 *
 * TODO: fix `isDoneAfter`. It runs inside a fresh TestContext (the check
 * gives it one), so the clock starts at 0 and moves only when you adjust it.
 *
 * ---
 * 연습 6 · 고치기 · 3장, 기다리지 않고 시간 테스트하기 (docs/ko/03-testing-time.md)
 *
 * `isDoneAfter(program, ms)`는 TestClock이 `ms` 밀리초 움직인 뒤에 `program`이
 * 끝났는지 답해야 합니다. 이것으로 "299 ms에는 안 끝났고, 300 ms에 끝났다"처럼
 * makespan을 양쪽에서 못 박습니다. 지금 코드는 잠드는 프로그램에 대해 끝내 답하지
 * 않습니다. 돌려 보세요.
 *
 * TODO: `isDoneAfter`를 고치세요. 새 TestContext 안에서 돌기 때문에(검사가 줍니다)
 * 시계는 0에서 시작하고, adjust할 때만 움직입니다.
 */
import { Effect, Exit, TestClock } from "effect"

export const isDoneAfter = <A, E>(program: Effect.Effect<A, E>, ms: number): Effect.Effect<boolean> =>
  Effect.gen(function* () {
    const exit = yield* Effect.exit(program)
    yield* TestClock.adjust(ms)
    return Exit.isSuccess(exit)
  })
