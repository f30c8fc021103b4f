/**
 * Exercise 5, a solution. Each worker loops through `Effect.suspend`, so it
 * reads the cursor when it runs, not when it is built; `Effect.all` with
 * `"unbounded"` starts the workers together and waits for all of them.
 *
 * 연습 5의 풀이. 각 워커는 `Effect.suspend`로 돌기 때문에 만들 때가 아니라 돌 때
 * 커서를 읽습니다. `"unbounded"`를 준 `Effect.all`은 워커를 함께 시작하고 모두를
 * 기다립니다.
 */
import { Effect } from "effect"

export const poolOf = <A, B, E>(
  items: ReadonlyArray<A>,
  task: (item: A, index: number) => Effect.Effect<B, E>,
  limit: number,
): Effect.Effect<Array<B>, E> =>
  Effect.suspend(() => {
    const results: Array<B> = []
    let next = 0
    const worker: Effect.Effect<void, E> = Effect.suspend(() => {
      if (next >= items.length) return Effect.void
      const index = next++
      return task(items[index]!, index).pipe(
        Effect.tap((result) => Effect.sync(() => (results[index] = result))),
        Effect.zipRight(worker),
      )
    })
    const workers = Array.from({ length: Math.min(limit, items.length) }, () => worker)
    return Effect.as(Effect.all(workers, { concurrency: "unbounded" }), results)
  })
