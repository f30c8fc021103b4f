/**
 * Exercise 9 · predict · chapter 9, Effect's own tools (docs/09-effects-own-tools.md)
 *
 * `Effect.forEach` over four tasks of 300, 100, 100 and 50 ms, three ways:
 * with `{ concurrency: 2 }`, with no option at all, and with
 * `{ concurrency: "unbounded" }`.
 *
 * TODO: predict when each task starts (ms, task 1 first) and when each run
 * is done. (In chapter 9 this was question 1; here the check runs it.)
 *
 * ---
 * 연습 9 · 예측 · 9장, Effect가 기본으로 주는 도구들 (docs/ko/09-effects-own-tools.md)
 *
 * 300, 100, 100, 50 ms짜리 태스크 네 개를 `Effect.forEach`로 세 가지 방법으로
 * 돌립니다. `{ concurrency: 2 }`, 옵션 없이, `{ concurrency: "unbounded" }`.
 *
 * TODO: 각 태스크가 언제 시작하는지(ms, 태스크 1부터)와 각 실행이 언제 끝나는지
 * 예측하세요. (9장의 1번 문제였고, 여기서는 검사가 돌려 봅니다.)
 */
import { todo } from "./todo.ts"

/** { concurrency: 2 } */
export const limit2Starts: ReadonlyArray<number> = [todo(), todo(), todo(), todo()]
export const limit2DoneAt: number = todo()

/** no option · 옵션 없음 */
export const noOptionStarts: ReadonlyArray<number> = [todo(), todo(), todo(), todo()]
export const noOptionDoneAt: number = todo()

/** { concurrency: "unbounded" } */
export const unboundedStarts: ReadonlyArray<number> = [todo(), todo(), todo(), todo()]
export const unboundedDoneAt: number = todo()
