/**
 * Exercise 15, a solution. All four supplier calls end at 100 ms; then the
 * UPDATEs queue for the pool: 4 × 50 ms through 1 connection end at 300, 2
 * at a time at 200, 4 at a time at 150. A pool of 8 buys nothing more: only
 * 4 tasks exist to use it (and in production the 4 idle ones cost server
 * connections).
 *
 * 연습 15의 풀이. 공급사 호출 네 개가 모두 100 ms에 끝나고, UPDATE가 풀 앞에 줄을
 * 섭니다. 50 ms짜리 네 개가 커넥션 1개로는 300에, 2개씩이면 200에, 4개씩이면 150에
 * 끝납니다. 풀 크기 8은 더 주는 것이 없습니다. 그것을 쓸 태스크가 4개뿐입니다(그리고
 * 운영에서는 노는 4개가 서버 커넥션을 차지합니다).
 */
export const doneAt = {
  pool1: 300,
  pool2: 200,
  pool4: 150,
  pool8: 150,
}

export const connectionsInUseWithPool8: number = 4
