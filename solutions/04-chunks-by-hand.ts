/**
 * Exercise 4, a solution. `Effect.forEach` with no `concurrency` runs the
 * chunks one after another; inside, `"unbounded"` starts a whole chunk at
 * once. Each item travels with its index, because inside a chunk
 * `Effect.forEach` counts from 0 again.
 *
 * 연습 4의 풀이. `concurrency` 없는 `Effect.forEach`는 청크를 차례로 돌리고, 안쪽의
 * `"unbounded"`는 청크 하나를 한꺼번에 시작합니다. 청크 안에서 `Effect.forEach`는
 * 0부터 다시 세므로, 아이템마다 인덱스를 함께 들고 갑니다.
 */
import { Array as Arr, Effect } from "effect"

export const inChunks = <A, B, E>(
  items: ReadonlyArray<A>,
  task: (item: A, index: number) => Effect.Effect<B, E>,
  size: number,
): Effect.Effect<Array<B>, E> =>
  Effect.map(
    Effect.forEach(
      Arr.chunksOf(items.map((item, index) => [item, index] as const), size),
      (chunk) => Effect.forEach(chunk, ([item, index]) => task(item, index), { concurrency: "unbounded" }),
    ),
    Arr.flatten,
  )
