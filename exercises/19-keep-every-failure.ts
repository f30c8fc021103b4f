/**
 * Exercise 19 · fix · chapter 5, Failures and interruption (docs/05-failures-and-interruption.md)
 *
 * `syncAndReport` syncs products, at most 3 at a time, and reports which
 * were synced and which failed, and why. One failing product must not stop
 * the others: the report has to account for every product. As written, the
 * first failure ends the whole run.
 *
 * TODO: fix `syncAndReport` so that every product is tried and the report
 * lists each failure with its product id and reason.
 *
 * ---
 * 연습 19 · 고치기 · 5장, 실패와 인터럽트 (docs/ko/05-failures-and-interruption.md)
 *
 * `syncAndReport`는 상품을 한 번에 최대 3개씩 동기화하고, 어떤 상품이 되었고 어떤
 * 상품이 왜 실패했는지 리포트합니다. 상품 하나의 실패가 나머지를 멈추면 안 됩니다.
 * 리포트는 모든 상품을 빠짐없이 다뤄야 합니다. 지금은 첫 실패가 실행 전체를 끝냅니다.
 *
 * TODO: 모든 상품을 시도하고, 리포트가 실패마다 상품 id와 사유를 적도록
 * `syncAndReport`를 고치세요.
 */
import { Effect } from "effect"
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
  Effect.map(pooled(ids, syncOne, { concurrency: 3 }), (): Report => ({ synced: ids, failed: [] }))
