/**
 * Exercise 20 · fix · chapter 5, Failures and interruption (docs/05-failures-and-interruption.md)
 *
 * `fetchAll` fetches every item, 2 at a time, and reports what it fetched and
 * which items timed out. But no item ever times out: one slow call keeps its
 * slot for as long as it likes, and the whole run waits for it.
 *
 * TODO: give each call at most 1 second; a call that takes longer is
 * interrupted and listed in `timedOut` (by 0-based index).
 *
 * ---
 * 연습 20 · 고치기 · 5장, 실패와 인터럽트 (docs/ko/05-failures-and-interruption.md)
 *
 * `fetchAll`은 모든 아이템을 2개씩 가져오고, 가져온 것과 타임아웃된 아이템을
 * 리포트합니다. 그런데 아무것도 타임아웃되지 않습니다. 느린 호출 하나가 원하는 만큼
 * 슬롯을 잡고, 실행 전체가 그것을 기다립니다.
 *
 * TODO: 호출마다 최대 1초를 주세요. 더 걸리는 호출은 인터럽트되고 `timedOut`에
 * (0부터 센 인덱스로) 들어갑니다.
 */
import { Effect, Either } from "effect"
import { pooled } from "poolwise"

export const fetchAll = (items: ReadonlyArray<number>, fetch: (item: number, index: number) => Effect.Effect<number>) =>
  Effect.map(pooled(items, fetch, { concurrency: 2, mode: "collect" }), (settled) => ({
    fetched: settled.results.flatMap((result) => (Either.isRight(result) ? [result.right] : [])),
    timedOut: settled.errors.map((failure) => failure.index),
  }))
