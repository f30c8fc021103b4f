/**
 * Exercise 17, a solution: the chapter's four lines, in order.
 *
 * 연습 17의 풀이: 장의 네 줄을 차례로.
 */
export interface Scrape {
  readonly count: number
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
): Reading => {
  const statementsPerSecond = ((after.count - before.count) * 1000) / windowMs
  const waiting = (after.sum - before.sum) / windowMs
  return {
    statementsPerSecond,
    waiting,
    holdMs: (poolSize * 1000) / statementsPerSecond,
    f: poolSize / (concurrency - waiting),
  }
}
