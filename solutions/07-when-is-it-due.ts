/**
 * Exercise 7, a solution. A sleep is due at "now + duration", where now is
 * the clock when the sleep starts (A: 300 + 300; C: it starts only when the
 * promise resolves, at 100). A TestContext is one clock: fresh per test,
 * each starts at 0; shared, the second test starts where the first left it.
 *
 * 연습 7의 풀이. sleep은 "지금 + 길이"에 깨어나는데, 지금은 sleep이 시작할 때의
 * 시계입니다(A: 300 + 300, C: promise가 끝나는 100에야 시작). TestContext 하나가
 * 시계 하나입니다. 테스트마다 새것이면 각자 0에서, 공유하면 두 번째 테스트는 첫
 * 번째가 남긴 시각에서 시작합니다.
 */
export const sleepDueAt: number = 600
export const freshReadings: ReadonlyArray<number> = [1000, 1000]
export const sharedReadings: ReadonlyArray<number> = [1000, 2000]
export const afterPromiseDueAt: number = 200
