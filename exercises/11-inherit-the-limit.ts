/**
 * Exercise 11 · fix · chapter 9, Effect's own tools (docs/09-effects-own-tools.md)
 *
 * `lookUpAll` is a library function: it should not decide how many lookups
 * run at once; its caller should, with `Effect.withConcurrency(n)` around
 * the call. Today a caller writes
 *
 *     lookUpAll(users, lookup).pipe(Effect.withConcurrency(2))
 *
 * and still gets one lookup at a time.
 *
 * TODO: fix `lookUpAll` so that the caller's `Effect.withConcurrency(n)`
 * sets the limit.
 *
 * ---
 * 연습 11 · 고치기 · 9장, Effect가 기본으로 주는 도구들 (docs/ko/09-effects-own-tools.md)
 *
 * `lookUpAll`은 라이브러리 함수입니다. 조회를 한 번에 몇 개 돌릴지는 이 함수가 아니라
 * 호출하는 쪽이 호출을 `Effect.withConcurrency(n)`으로 감싸서 정해야 합니다. 지금은
 *
 *     lookUpAll(users, lookup).pipe(Effect.withConcurrency(2))
 *
 * 라고 써도 조회가 하나씩 돕니다.
 *
 * TODO: 호출하는 쪽의 `Effect.withConcurrency(n)`이 상한을 정하도록 `lookUpAll`을
 * 고치세요.
 */
import { Effect } from "effect"

export const lookUpAll = <A, B, E>(items: ReadonlyArray<A>, lookup: (item: A) => Effect.Effect<B, E>) =>
  Effect.forEach(items, lookup)
