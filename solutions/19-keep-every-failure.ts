/**
 * Exercise 19, a solution. `mode: "collect"` runs every item and succeeds
 * with a `Settled`: `results[i]` is each product's outcome, `errors` the
 * failures with their index, item and error.
 *
 * 연습 19의 풀이. `mode: "collect"`는 모든 아이템을 돌리고 `Settled`로 성공합니다.
 * `results[i]`는 상품마다의 결과, `errors`는 인덱스·아이템·에러가 붙은 실패들입니다.
 */
import { Effect, Either } from "effect"
import { pooled } from "poolwise"

export interface SyncFailed {
  readonly id: number
  readonly reason: string
}

export interface Report {
  readonly synced: ReadonlyArray<number>
  readonly failed: ReadonlyArray<SyncFailed>
}

export const syncAndReport = (ids: ReadonlyArray<number>, syncOne: (id: number) => Effect.Effect<void, SyncFailed>) =>
  Effect.map(pooled(ids, syncOne, { concurrency: 3, mode: "collect" }), (settled): Report => ({
    synced: ids.filter((_, index) => Either.isRight(settled.results[index]!)),
    failed: settled.errors.map((failure) => failure.error),
  }))
