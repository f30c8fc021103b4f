/**
 * Exercise 24 · fix · chapter 7, From promise-pool, p-limit and p-map (docs/07-from-promise-pool.md)
 *
 * A port of `pMap(items, task, { concurrency: limit })`. It looks right, but
 * the limit comes from a config file, and configs go wrong: p-map reads a
 * missing limit as Infinity, promise-pool defaults to 10, and
 * `Effect.forEach` reads `0` or `NaN` as "one at a time" and `Infinity` as
 * "unbounded", all without a word. In the incident a bad limit *is* the
 * outage.
 *
 * TODO: fix `mapWithLimit` so that a limit that is not a whole number ≥ 1
 * fails with an `InvalidOptionError` before any task runs, and a good one
 * runs a pool of that size, results in input order.
 *
 * ---
 * 연습 24 · 고치기 · 7장, promise-pool, p-limit, p-map에서 옮겨 오기 (docs/ko/07-from-promise-pool.md)
 *
 * `pMap(items, task, { concurrency: limit })`을 옮긴 코드입니다. 맞아 보이지만 상한은
 * 설정 파일에서 오고, 설정은 틀릴 수 있습니다. p-map은 빠진 상한을 Infinity로,
 * promise-pool은 기본값 10으로, `Effect.forEach`는 `0`이나 `NaN`을 "하나씩"으로,
 * `Infinity`를 "무제한"으로 읽습니다. 모두 아무 말 없이. 장애에서는 잘못된 상한이
 * 곧 서버 중단입니다.
 *
 * TODO: 1 이상의 정수가 아닌 상한은 태스크를 하나도 돌리기 전에 `InvalidOptionError`로
 * 실패하고, 올바른 상한은 그 크기의 풀로 돌려 결과를 입력 순서로 돌려주도록
 * `mapWithLimit`를 고치세요.
 */
import { Effect } from "effect"

export const mapWithLimit = <A, B, E>(
  items: ReadonlyArray<A>,
  task: (item: A, index: number) => Effect.Effect<B, E>,
  limit: number,
) => Effect.forEach(items, task, { concurrency: limit })
