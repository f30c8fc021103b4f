/**
 * Exercise 11, a solution. `concurrency: "inherit"` asks the caller: under
 * `Effect.withConcurrency(n)` it is a limit of n; with nothing around it,
 * unbounded. A call with no option stays one at a time whatever wraps it.
 *
 * 연습 11의 풀이. `concurrency: "inherit"`는 호출하는 쪽에 묻습니다.
 * `Effect.withConcurrency(n)` 안에서는 상한 n, 아무것도 없으면 무제한입니다. 옵션이
 * 없는 호출은 무엇으로 감싸든 하나씩입니다.
 */
import { Effect } from "effect"

export const lookUpAll = <A, B, E>(items: ReadonlyArray<A>, lookup: (item: A) => Effect.Effect<B, E>) =>
  Effect.forEach(items, lookup, { concurrency: "inherit" })
