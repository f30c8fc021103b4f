/**
 * Exercise 18 · predict · chapter 5, Failures and interruption (docs/05-failures-and-interruption.md)
 *
 * Five jobs through `pooled(jobs, run, { concurrency: 2 })`: "a" takes
 * 200 ms, "b" 100 ms, "boom" fails after 150 ms, "d" takes 80 ms and "e"
 * 100 ms. Once in the default mode, `"fail-fast"`, once with
 * `mode: "collect"`.
 *
 * TODO: predict which jobs start and which are interrupted in fail-fast
 * mode, and which succeed and which fail (by 0-based index) in collect mode.
 *
 * ---
 * 연습 18 · 예측 · 5장, 실패와 인터럽트 (docs/ko/05-failures-and-interruption.md)
 *
 * 작업 다섯 개를 `pooled(jobs, run, { concurrency: 2 })`로 돌립니다. "a"는 200 ms,
 * "b"는 100 ms 걸리고, "boom"은 150 ms 뒤에 실패하고, "d"는 80 ms, "e"는 100 ms
 * 걸립니다. 한 번은 기본 모드 `"fail-fast"`로, 한 번은 `mode: "collect"`로.
 *
 * TODO: fail-fast 모드에서 어떤 작업이 시작하고 어떤 작업이 인터럽트되는지, collect
 * 모드에서 어떤 작업이 성공하고 어떤 작업이 실패하는지(0부터 센 인덱스) 예측하세요.
 */
import { todo } from "./todo.ts"

/** names, in the order they start · 시작하는 순서대로 이름 */
export const failFastStarted: ReadonlyArray<string> = todo()
/** names · 이름 */
export const failFastInterrupted: ReadonlyArray<string> = todo()
/** names, in input order · 입력 순서대로 이름 */
export const collectSucceeded: ReadonlyArray<string> = todo()
/** indexes · 인덱스 */
export const collectFailedIndexes: ReadonlyArray<number> = todo()
