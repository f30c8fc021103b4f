/**
 * Exercise 5 · implement · chapter 2, Chunked vs pooled (docs/02-chunked-vs-pooled.md)
 *
 * What `pooled` does inside: `limit` workers share one cursor. Each worker
 * takes the next index, runs that item's task, stores the result at that
 * index, and goes on until no index is left. So a slot never idles while
 * work is left: each task starts on the slot that frees up first.
 *
 * TODO: finish `poolOf` (the two TODOs below), without the kit's `pooled`.
 *
 * ---
 * 연습 5 · 구현 · 2장, Chunked vs pooled (docs/ko/02-chunked-vs-pooled.md)
 *
 * `pooled`가 안에서 하는 일입니다. 워커 `limit`개가 커서 하나를 공유합니다. 각
 * 워커는 다음 인덱스를 가져가 그 아이템의 태스크를 돌리고, 결과를 그 인덱스에
 * 저장하고, 남은 인덱스가 없을 때까지 계속합니다. 그래서 일이 남아 있는 동안 슬롯은
 * 놀지 않습니다. 각 태스크는 가장 먼저 비는 슬롯에서 시작합니다.
 *
 * TODO: `poolOf`를 완성하세요(아래 TODO 두 곳). 키트의 `pooled`는 쓰지 않습니다.
 */
import { Effect } from "effect"
import { todo } from "./todo.ts"

export const poolOf = <A, B, E>(
  items: ReadonlyArray<A>,
  task: (item: A, index: number) => Effect.Effect<B, E>,
  limit: number,
): Effect.Effect<Array<B>, E> =>
  Effect.suspend(() => {
    const results: Array<B> = []
    let next = 0 // the shared cursor: the index of the next item to start · 공유 커서: 다음에 시작할 아이템의 인덱스
    const worker: Effect.Effect<void, E> = Effect.suspend(() => {
      if (next >= items.length) return Effect.void
      const index = next++
      // TODO: run the task of item `index`, store its result at `results[index]`, then run `worker` again.
      // TODO: 아이템 `index`의 태스크를 돌리고, 결과를 `results[index]`에 저장한 다음 `worker`를 다시 돌리세요.
      return todo(task, index)
    })
    // TODO: run min(limit, items.length) workers at once and wait for all of them; then succeed with `results`.
    // TODO: 워커 min(limit, items.length)개를 한꺼번에 돌려 모두 끝날 때까지 기다린 다음 `results`로 성공하세요.
    return todo(worker, limit, results)
  })
