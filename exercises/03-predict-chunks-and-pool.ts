/**
 * Exercise 3 · predict · chapter 2, Chunked vs pooled (docs/02-chunked-vs-pooled.md)
 *
 * Five tasks of 200, 100, 300, 100 and 200 ms, at most 2 at a time.
 * `chunked(tasks, run, { chunkSize: 2 })` runs them as `Promise.all` over
 * chunks of 2, one chunk after another; `pooled(tasks, run, { concurrency: 2 })`
 * runs them through a pool of 2 workers.
 *
 * TODO: predict when each task starts (in ms, task 1 first) and when each
 * run is done. Work it out on paper first; the check runs both and tells you.
 *
 * ---
 * 연습 3 · 예측 · 2장, Chunked vs pooled (docs/ko/02-chunked-vs-pooled.md)
 *
 * 200, 100, 300, 100, 200 ms짜리 태스크 다섯 개를 한 번에 최대 2개씩 돌립니다.
 * `chunked(tasks, run, { chunkSize: 2 })`는 2개짜리 청크마다 `Promise.all`을 차례로
 * 돌리고, `pooled(tasks, run, { concurrency: 2 })`는 워커 2개의 풀로 돌립니다.
 *
 * TODO: 각 태스크가 언제 시작하는지(ms, 태스크 1부터)와 각 실행이 언제 끝나는지
 * 예측하세요. 먼저 종이에 풀어 보세요. 검사가 둘 다 돌려 보고 알려 줍니다.
 */
import { todo } from "./todo.ts"

export const chunkedStarts: ReadonlyArray<number> = [todo(), todo(), todo(), todo(), todo()]
export const chunkedDoneAt: number = todo()

export const pooledStarts: ReadonlyArray<number> = [todo(), todo(), todo(), todo(), todo()]
export const pooledDoneAt: number = todo()
