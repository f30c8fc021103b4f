/**
 * Exercise 10 · predict · chapter 9, Effect's own tools (docs/09-effects-own-tools.md)
 *
 * The same four tasks (300, 100, 100 and 50 ms) through
 * `Stream.mapEffect(task, { concurrency: 2 })`: once ordered (the default:
 * results come out in input order), once with `unordered: true` (each result
 * comes out as it ends).
 *
 * TODO: predict when each task starts and when each run is done. Compare
 * with the limit of 2 in exercise 9.
 *
 * ---
 * 연습 10 · 예측 · 9장, Effect가 기본으로 주는 도구들 (docs/ko/09-effects-own-tools.md)
 *
 * 같은 태스크 네 개(300, 100, 100, 50 ms)를 `Stream.mapEffect(task, { concurrency: 2 })`로
 * 돌립니다. 한 번은 순서대로(기본값: 결과가 입력 순서로 나옴), 한 번은
 * `unordered: true`로(결과가 끝나는 대로 나옴).
 *
 * TODO: 각 태스크가 언제 시작하는지와 각 실행이 언제 끝나는지 예측하세요. 연습 9의
 * 상한 2와 비교해 보세요.
 */
import { todo } from "./todo.ts"

export const orderedStarts: ReadonlyArray<number> = [todo(), todo(), todo(), todo()]
export const orderedDoneAt: number = todo()

export const unorderedStarts: ReadonlyArray<number> = [todo(), todo(), todo(), todo()]
export const unorderedDoneAt: number = todo()
