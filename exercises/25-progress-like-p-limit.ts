/**
 * Exercise 25 · implement · chapter 7, From promise-pool, p-limit and p-map (docs/07-from-promise-pool.md)
 *
 * p-limit has `activeCount` and `pendingCount`; promise-pool has
 * `onTaskStarted` and `processedPercentage()`. In the kit, `makeProgress(total)`
 * gives a tracker: `progress.track(task)` counts a task as it starts and
 * ends, and `progress.snapshot` reads `started`, `inFlight`, `finished`, …
 * at any moment.
 *
 * TODO: write `countsAt`: run `items` through a pool of `limit`, and at
 * `atMs` milliseconds into the run say how many tasks are active (running),
 * pending (not started) and done.
 *
 * ---
 * 연습 25 · 구현 · 7장, promise-pool, p-limit, p-map에서 옮겨 오기 (docs/ko/07-from-promise-pool.md)
 *
 * p-limit에는 `activeCount`와 `pendingCount`가, promise-pool에는 `onTaskStarted`와
 * `processedPercentage()`가 있습니다. 키트에서는 `makeProgress(total)`이 진행률
 * 추적기를 줍니다. `progress.track(task)`는 태스크가 시작하고 끝날 때 세고,
 * `progress.snapshot`은 언제든 `started`, `inFlight`, `finished` 등을 읽습니다.
 *
 * TODO: `countsAt`을 작성하세요. `items`를 워커 `limit`개의 풀로 돌리고, 실행 시작
 * `atMs` 밀리초 뒤에 돌고 있는(active), 시작 전인(pending), 끝난(done) 태스크 수를
 * 알려 줍니다.
 */
import type { Effect } from "effect"
import type { InvalidOptionError } from "poolwise"
import { todo } from "./todo.ts"

export interface Counts {
  readonly active: number
  readonly pending: number
  readonly done: number
}

export const countsAt = (
  items: ReadonlyArray<number>,
  task: (item: number, index: number) => Effect.Effect<number>,
  limit: number,
  atMs: number,
): Effect.Effect<Counts, InvalidOptionError> => todo(items, task, limit, atMs)
