/**
 * Exercise 6, a solution. Fork, adjust, poll: the program sleeps in a fiber
 * of its own, the clock moves, and `Fiber.poll` asks "done yet?" without
 * waiting (joining would wait for a clock nobody moves any more).
 *
 * 연습 6의 풀이. fork, adjust, poll: 프로그램은 자기 fiber에서 잠들고, 시계가
 * 움직이고, `Fiber.poll`은 기다리지 않고 "끝났나?"를 묻습니다(join은 더는 아무도
 * 움직이지 않는 시계를 기다립니다).
 */
import { Effect, Fiber, Option, TestClock } from "effect"

export const isDoneAfter = <A, E>(program: Effect.Effect<A, E>, ms: number): Effect.Effect<boolean> =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(program)
    yield* TestClock.adjust(ms)
    return Option.isSome(yield* Fiber.poll(fiber))
  })
