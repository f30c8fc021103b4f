/**
 * Exercise 13 · implement · chapter 9, Effect's own tools (docs/09-effects-own-tools.md)
 *
 * Effect's `Pool` keeps a few resources (here: database connections) and
 * lends one to each caller inside a scope; when that scope closes, the
 * connection goes back to the pool for the next caller. The limit comes from
 * the resources themselves: with 2 connections, the third caller waits.
 *
 * TODO: write `withConnection(pool, use)`: borrow a connection, run `use`
 * with it, and give it back as soon as `use` is done.
 *
 * ---
 * 연습 13 · 구현 · 9장, Effect가 기본으로 주는 도구들 (docs/ko/09-effects-own-tools.md)
 *
 * Effect의 `Pool`은 자원 몇 개(여기서는 데이터베이스 커넥션)를 두고, 호출하는 쪽마다
 * scope 안에서 하나씩 빌려줍니다. scope가 닫히면 커넥션은 다음 차례를 위해 풀로
 * 돌아갑니다. 상한은 자원 자체에서 나옵니다. 커넥션이 2개면 세 번째는 기다립니다.
 *
 * TODO: `withConnection(pool, use)`를 작성하세요. 커넥션을 빌려 `use`를 돌리고, `use`가
 * 끝나자마자 돌려줍니다.
 */
import type { Effect, Pool } from "effect"
import { todo } from "./todo.ts"

export const withConnection = <C, A, E>(
  pool: Pool.Pool<C>,
  use: (connection: C) => Effect.Effect<A, E>,
): Effect.Effect<A, E> => todo(pool, use)
