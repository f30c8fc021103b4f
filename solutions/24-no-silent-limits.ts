/**
 * Exercise 24, a solution. `pooled` has no default and refuses `0`, `NaN`,
 * `1.5` and `Infinity` with an `InvalidOptionError` naming `concurrency`,
 * before anything runs.
 *
 * 연습 24의 풀이. `pooled`에는 기본값이 없고, `0`, `NaN`, `1.5`, `Infinity`를
 * 아무것도 돌리기 전에 `concurrency`를 가리키는 `InvalidOptionError`로 거부합니다.
 */
import type { Effect } from "effect"
import { pooled } from "poolwise"

export const mapWithLimit = <A, B, E>(
  items: ReadonlyArray<A>,
  task: (item: A, index: number) => Effect.Effect<B, E>,
  limit: number,
) => pooled(items, task, { concurrency: limit })
