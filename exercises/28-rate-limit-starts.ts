/**
 * Exercise 28 · predict · chapter 10, Finding N (docs/10-finding-n.md)
 *
 * Effect's `RateLimiter` at 10 per second (its default, a token bucket), and
 * 15 calls asking for it at once:
 *
 *   const limiter = yield* RateLimiter.make({ limit: 10, interval: "1 second" })
 *   yield* Effect.forEach(calls, () => limiter(call), { concurrency: "unbounded" })
 *
 * TODO: predict when each call starts (ms, in call order), and how many
 * started within the first second.
 *
 * ---
 * 연습 28 · 예측 · 10장, N 찾기 (docs/ko/10-finding-n.md)
 *
 * 초당 10으로 만든 Effect의 `RateLimiter`(기본값인 토큰 버킷)에 호출 15개가 한꺼번에
 * 요청합니다(위 코드).
 *
 * TODO: 각 호출이 시작하는 시각(ms, 호출 순서대로)과, 첫 1초 안에 시작한 호출 수를
 * 예측하세요.
 */
import { todo } from "./todo.ts"

/** When each of the 15 calls starts, in ms. · 호출 15개 각각의 시작 시각(ms) */
export const starts: ReadonlyArray<number> = todo()

/** How many started before 1000 ms. · 1000 ms 전에 시작한 호출 수 */
export const startedWithinFirstSecond: number = todo()
