/**
 * Exercise 17 · implement · chapter 4, The SQL pool (docs/04-the-sql-pool.md)
 *
 * In production you rarely know how long a statement holds its connection,
 * but the `connectionWait` histogram tells you: read its `count` and `sum`
 * (ms waited for a connection) twice, `windowMs` apart, during a steady run
 * with more workers than the pool can serve. Then:
 *
 *   statements per second = Δcount / Δt
 *   statements waiting, on average = Δsum / Δt          (Little's law on the queue)
 *   hold time = poolSize / statements per second         (the pool never idled)
 *   f = poolSize / (concurrency − waiting)
 *
 * TODO: write `fromTwoScrapes`. The check feeds it scrapes taken from runs of
 * a `Pool` of connections in virtual time, where the true numbers are known.
 *
 * ---
 * 연습 17 · 구현 · 4장, SQL 풀 (docs/ko/04-the-sql-pool.md)
 *
 * 운영에서는 구문이 커넥션을 얼마나 잡는지 모를 때가 많지만 `connectionWait`
 * 히스토그램이 알려 줍니다. 풀이 감당할 수 있는 것보다 워커가 많은 안정된 실행 중에
 * `count`와 `sum`(커넥션을 기다린 ms)을 `windowMs` 간격으로 두 번 읽으면:
 *
 *   초당 구문 수 = Δcount / Δt
 *   평균 대기 중인 구문 수 = Δsum / Δt                (대기열에 적용한 리틀의 법칙)
 *   점유 시간 = poolSize / 초당 구문 수                (풀이 논 적이 없으므로)
 *   f = poolSize / (concurrency − 대기 중인 수)
 *
 * TODO: `fromTwoScrapes`를 작성하세요. 검사는 참값을 아는, 가상 시간에서 돈 커넥션
 * `Pool`의 실행에서 얻은 값을 넣어 봅니다.
 */
import { todo } from "./todo.ts"

export interface Scrape {
  /** statements that got a connection so far · 지금까지 커넥션을 받은 구문 수 */
  readonly count: number
  /** ms they waited for it, in all · 그것들이 기다린 ms의 합 */
  readonly sum: number
}

export interface Reading {
  readonly statementsPerSecond: number
  readonly waiting: number
  readonly holdMs: number
  readonly f: number
}

export const fromTwoScrapes = (
  before: Scrape,
  after: Scrape,
  windowMs: number,
  poolSize: number,
  concurrency: number,
): Reading => todo(before, after, windowMs, poolSize, concurrency)
