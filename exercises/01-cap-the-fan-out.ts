/**
 * Exercise 1 · fix · chapter 1, The incident (docs/01-the-incident.md)
 *
 * The nightly job below syncs every product at once: `Effect.forEach` with
 * `concurrency: "unbounded"` is `Promise.all(ids.map(...))`, and every sync
 * asks for a database connection in the same instant. With enough products
 * the server answers "Too many connections".
 *
 * TODO: fix `syncAll` so that at most 10 products are synced at once, a new
 * one starting the moment one finishes, with the results in input order.
 *
 * ---
 * 연습 1 · 고치기 · 1장, 장애 (docs/ko/01-the-incident.md)
 *
 * 아래 야간 잡은 모든 상품을 한꺼번에 동기화합니다. `concurrency: "unbounded"`를
 * 준 `Effect.forEach`는 `Promise.all(ids.map(...))`과 같고, 모든 동기화가 같은
 * 순간에 데이터베이스 커넥션을 달라고 합니다. 상품이 많으면 서버는 "Too many
 * connections"로 답합니다.
 *
 * TODO: `syncAll`을 고쳐 한 번에 최대 10개만 동기화하고, 하나가 끝나는 순간 다음
 * 것을 시작하게 하세요. 결과는 입력 순서대로 돌려줍니다.
 */
import { Effect } from "effect"

export const syncAll = <A>(ids: ReadonlyArray<number>, syncOne: (id: number) => Effect.Effect<A>) =>
  Effect.forEach(ids, syncOne, { concurrency: "unbounded" })
