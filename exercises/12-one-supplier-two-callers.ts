/**
 * Exercise 12 · implement · chapter 9, Effect's own tools (docs/09-effects-own-tools.md)
 *
 * Two services call the same supplier: one refreshes prices, the other stock
 * levels. Each starts all of its requests at once. The supplier allows 2
 * requests at a time in all, whoever sends them: a cap on a shared resource,
 * not on one call.
 *
 * TODO: write `limitSupplier(fetch)`. It succeeds with a function to use
 * instead of `fetch`: the same requests, never more than 2 in flight across
 * every caller that uses it.
 *
 * ---
 * 연습 12 · 구현 · 9장, Effect가 기본으로 주는 도구들 (docs/ko/09-effects-own-tools.md)
 *
 * 서비스 두 개가 같은 공급사를 부릅니다. 하나는 가격을, 다른 하나는 재고를 갱신합니다.
 * 각자 요청을 한꺼번에 모두 시작합니다. 공급사는 누가 보내든 합쳐서 한 번에 요청
 * 2개까지만 받습니다. 호출 하나가 아니라 공유 자원에 두는 상한입니다.
 *
 * TODO: `limitSupplier(fetch)`를 작성하세요. `fetch` 대신 쓸 함수로 성공합니다. 요청은
 * 같고, 그것을 쓰는 모든 호출을 합쳐 진행 중인 요청이 2개를 넘지 않습니다.
 */
import type { Effect } from "effect"
import { todo } from "./todo.ts"

export const limitSupplier = <A>(
  fetch: (sku: string) => Effect.Effect<A>,
): Effect.Effect<(sku: string) => Effect.Effect<A>> => todo(fetch)
