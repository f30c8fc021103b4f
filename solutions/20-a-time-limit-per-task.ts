/**
 * Exercise 20, a solution. `withTaskTimeout` wraps the task, so it works the
 * same with every runner and mode: a slow item is interrupted after 1 s and
 * fails with a `TaskTimeoutError` naming it, and its slot goes to the next.
 *
 * 연습 20의 풀이. `withTaskTimeout`은 태스크를 감싸므로 어느 러너, 어느 모드에서나
 * 똑같이 동작합니다. 느린 아이템은 1초 뒤에 인터럽트되고 그것을 가리키는
 * `TaskTimeoutError`로 실패하며, 그 슬롯은 다음 아이템에게 갑니다.
 */
import { Effect, Either } from "effect"
import { pooled, withTaskTimeout } from "poolwise"

export const fetchAll = (items: ReadonlyArray<number>, fetch: (item: number, index: number) => Effect.Effect<number>) =>
  Effect.map(pooled(items, withTaskTimeout(fetch, "1 second"), { concurrency: 2, mode: "collect" }), (settled) => ({
    fetched: settled.results.flatMap((result) => (Either.isRight(result) ? [result.right] : [])),
    timedOut: settled.errors.map((failure) => failure.index),
  }))
