/**
 * Exercise 14 · predict · chapter 9, Effect's own tools (docs/09-effects-own-tools.md)
 *
 * Six tasks of 100, 300, 200, 50, 50 and 400 ms. Once in chunks of 3
 * (`Promise.all` per chunk, as the blog's first fix), once with
 * `Effect.forEach(tasks, run, { concurrency: 3 })`.
 *
 * TODO: predict the starts by index (0-based, as `assertStarts` takes them)
 * and when each run is done. `chunkedStarts` and `greedyStarts` from
 * "poolwise/testing" compute them: predict first, then compare.
 *
 * ---
 * 연습 14 · 예측 · 9장, Effect가 기본으로 주는 도구들 (docs/ko/09-effects-own-tools.md)
 *
 * 100, 300, 200, 50, 50, 400 ms짜리 태스크 여섯 개. 한 번은 3개씩 청크로(블로그의 첫
 * 해결책처럼 청크마다 `Promise.all`), 한 번은 `Effect.forEach(tasks, run, { concurrency: 3 })`로.
 *
 * TODO: 인덱스 순(`assertStarts`가 받는 대로 0부터)의 시작 시각과 각 실행이 끝나는
 * 시각을 예측하세요. "poolwise/testing"의 `chunkedStarts`와 `greedyStarts`가 계산해
 * 줍니다. 먼저 예측하고, 그다음 비교하세요.
 */
import { todo } from "./todo.ts"

export const chunksOf3Starts: ReadonlyArray<number> = [todo(), todo(), todo(), todo(), todo(), todo()]
export const chunksOf3DoneAt: number = todo()

export const limit3Starts: ReadonlyArray<number> = [todo(), todo(), todo(), todo(), todo(), todo()]
export const limit3DoneAt: number = todo()
