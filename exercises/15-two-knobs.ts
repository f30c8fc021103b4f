/**
 * Exercise 15 · predict · chapter 4, The SQL pool (docs/04-the-sql-pool.md)
 *
 * Two knobs: the pool size (how many connections this process opens) and the
 * concurrency (how many tasks are in flight). Four products, 4 workers; each
 * task asks the supplier (100 ms), then holds a connection for its UPDATE
 * (50 ms). The pool is Effect's `Pool` of `poolSize` connections; a task
 * that finds none free waits for one.
 *
 * TODO: predict when the run is done with pools of 1, 2, 4 and 8, and the
 * most connections in use at once with the pool of 8.
 *
 * ---
 * 연습 15 · 예측 · 4장, SQL 풀 (docs/ko/04-the-sql-pool.md)
 *
 * 설정값이 두 개입니다. 풀 크기(이 프로세스가 여는 커넥션 수)와 동시 실행 수(진행 중인
 * 태스크 수). 상품 네 개, 워커 4개. 각 태스크는 공급사에 묻고(100 ms), UPDATE 동안
 * 커넥션 하나를 잡습니다(50 ms). 풀은 커넥션 `poolSize`개짜리 Effect의 `Pool`이고,
 * 빈 커넥션이 없는 태스크는 기다립니다.
 *
 * TODO: 풀 크기가 1, 2, 4, 8일 때 실행이 언제 끝나는지, 그리고 풀 크기 8에서 한 번에
 * 쓰이는 커넥션 수의 최고치를 예측하세요.
 */
import { todo } from "./todo.ts"

export const doneAt = {
  pool1: todo(),
  pool2: todo(),
  pool4: todo(),
  pool8: todo(),
}

export const connectionsInUseWithPool8: number = todo()
