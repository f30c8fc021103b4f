/**
 * Exercise 18, a solution. "boom" starts at 100 ms (when "b" ends) and fails
 * at 250; "d" started at 200 (when "a" ended) and is interrupted; "e" never
 * starts. In collect mode a failure frees its slot like a success: every job
 * runs, and the failure keeps its index (2).
 *
 * 연습 18의 풀이. "boom"은 100 ms에("b"가 끝날 때) 시작해 250에 실패합니다. "d"는
 * 200에("a"가 끝날 때) 시작했다가 인터럽트되고, "e"는 시작하지 않습니다. collect
 * 모드에서는 실패도 성공처럼 슬롯을 비웁니다. 모든 작업이 돌고, 실패는 인덱스(2)와
 * 함께 남습니다.
 */
export const failFastStarted: ReadonlyArray<string> = ["a", "b", "boom", "d"]
export const failFastInterrupted: ReadonlyArray<string> = ["d"]
export const collectSucceeded: ReadonlyArray<string> = ["a", "b", "d", "e"]
export const collectFailedIndexes: ReadonlyArray<number> = [2]
