/**
 * Exercise 28, a solution. The bucket starts full: ten calls at 0 ms. Then
 * one token every 1000 / 10 = 100 ms, each starting one waiting call. All
 * 15 start before 1000 ms: a rate limit counts starts per interval; it does
 * not bound what is in flight (that is the pool's job).
 *
 * 연습 28의 풀이. 버킷은 가득 찬 채로 시작합니다: 0 ms에 호출 열 개. 그다음
 * 1000 / 10 = 100 ms마다 토큰 하나가 기다리는 호출 하나를 시작시킵니다. 15개 모두
 * 1000 ms 전에 시작합니다. 속도 제한은 구간마다의 시작 수를 셀 뿐, 진행 중인
 * 호출 수를 막지 않습니다(그것은 풀의 몫입니다).
 */
export const starts: ReadonlyArray<number> = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 200, 300, 400, 500]

export const startedWithinFirstSecond: number = 15
