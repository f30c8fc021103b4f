/**
 * Exercise 13, a solution. `Pool.get` borrows a connection for the current
 * scope; `Effect.scoped` closes that scope as soon as `use` is done, so the
 * connection goes back then, not when the whole program ends.
 *
 * 연습 13의 풀이. `Pool.get`은 현재 scope 동안 커넥션을 빌립니다. `Effect.scoped`는
 * `use`가 끝나자마자 그 scope를 닫으므로, 커넥션은 프로그램 전체가 끝날 때가 아니라
 * 그때 돌아갑니다.
 */
import { Effect, Pool } from "effect"

export const withConnection = <C, A, E>(
  pool: Pool.Pool<C>,
  use: (connection: C) => Effect.Effect<A, E>,
): Effect.Effect<A, E> => Effect.scoped(Effect.flatMap(Pool.get(pool), use))
