/**
 * Exercise 12, a solution. One semaphore, made once, with 2 permits: every
 * request holds one while it runs. Made inside the returned function, each
 * call would get a semaphore of its own and nothing would be shared.
 *
 * 연습 12의 풀이. permit 2개짜리 세마포어 하나를 한 번만 만듭니다. 요청은 도는 동안
 * permit 하나를 잡습니다. 돌려주는 함수 안에서 만들면 호출마다 세마포어가 따로 생겨
 * 아무것도 공유되지 않습니다.
 */
import { Effect } from "effect"

export const limitSupplier = <A>(
  fetch: (sku: string) => Effect.Effect<A>,
): Effect.Effect<(sku: string) => Effect.Effect<A>> =>
  Effect.map(Effect.makeSemaphore(2), (supplier) => (sku: string) => supplier.withPermits(1)(fetch(sku)))
