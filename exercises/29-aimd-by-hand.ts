/**
 * Exercise 29 · implement · chapter 10, Finding N (docs/10-finding-n.md)
 *
 * An adaptive limit moves once per window (one round of the current limit).
 * AIMD, as TCP does it: while probing (from the start until the first
 * overload) a window that went well doubles the limit; after that it adds
 * one. An overloaded window (a refusal, a timeout) multiplies the limit by
 * `backoff`, rounded, and ends probing for good. The limit stays within
 * [min, max].
 *
 * TODO: write `nextLimit`. The check tries it on several windows, then runs
 * it against a service that refuses past 12 in flight.
 *
 * ---
 * 연습 29 · 구현 · 10장, N 찾기 (docs/ko/10-finding-n.md)
 *
 * 적응형 상한은 구간(현재 상한만큼의 한 바퀴)마다 한 번 움직입니다. TCP와 같은
 * AIMD: 탐색 중에는(시작부터 첫 과부하까지) 잘 지나간 구간이 상한을 두 배로, 그
 * 뒤로는 하나씩 늘립니다. 과부하인 구간(거절, 타임아웃)은 상한에 `backoff`를 곱해
 * 반올림하고, 탐색을 영영 끝냅니다. 상한은 [min, max] 안에 머뭅니다.
 *
 * TODO: `nextLimit`를 쓰세요. 검사는 여러 구간으로 시험한 뒤, 진행 중 12개를 넘으면
 * 거절하는 서비스에 대고 돌려 봅니다.
 */
import { todo } from "./todo.ts"

export interface AimdState {
  readonly limit: number
  /** Still doubling: no overload seen yet. · 아직 두 배씩 늘리는 중: 과부하를 본 적 없음 */
  readonly probing: boolean
}

export interface AimdBounds {
  readonly min: number
  readonly max: number
  /** What an overload multiplies the limit by (0.5 halves it). · 과부하 때 상한에 곱하는 값(0.5면 절반) */
  readonly backoff: number
}

/** The next window's state. · 다음 구간의 상태 */
export const nextLimit = (state: AimdState, overloaded: boolean, bounds: AimdBounds): AimdState =>
  todo(state, overloaded, bounds)
