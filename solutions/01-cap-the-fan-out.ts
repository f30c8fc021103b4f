/**
 * Exercise 1, a solution. `pooled` keeps 10 workers busy: when one product's
 * sync ends, its worker takes the next id at once. `Effect.forEach(ids,
 * syncOne, { concurrency: 10 })` has the same schedule.
 *
 * 연습 1의 풀이. `pooled`는 워커 10개를 계속 바쁘게 합니다. 한 상품의 동기화가
 * 끝나면 그 워커가 바로 다음 id를 가져갑니다. `Effect.forEach(ids, syncOne,
 * { concurrency: 10 })`도 스케줄이 같습니다.
 */
import type { Effect } from "effect"
import { pooled } from "poolwise"

export const syncAll = <A>(ids: ReadonlyArray<number>, syncOne: (id: number) => Effect.Effect<A>) =>
  pooled(ids, syncOne, { concurrency: 10 })
