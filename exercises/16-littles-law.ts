/**
 * Exercise 16 · size · chapter 4, The SQL pool (docs/04-the-sql-pool.md)
 *
 * Little's law: things inside = rate × time each stays. A task holds a
 * connection only for its UPDATE, a fraction f of its time; so about
 * poolSize / f tasks in flight keep a pool busy, and more only queue. And a
 * pool completes at most poolSize statements per (UPDATE time).
 *
 * TODO: write the three formulas, then choose the job's `concurrency` for a
 * pool of 5, a supplier call of 90 ms and an UPDATE of 10 ms, with them.
 * The check tries your formulas on other numbers too.
 *
 * ---
 * 연습 16 · 크기 정하기 · 4장, SQL 풀 (docs/ko/04-the-sql-pool.md)
 *
 * 리틀의 법칙: 안에 머무는 개수 = 지나가는 속도 × 하나가 머무는 시간. 태스크는
 * UPDATE 동안만, 자기 시간의 f만큼만 커넥션을 잡습니다. 그래서 진행 중인 태스크가
 * 대략 poolSize / f개면 풀이 바쁘고, 그보다 많으면 줄만 섭니다. 그리고 풀은
 * (UPDATE 시간)마다 최대 poolSize개의 구문을 끝냅니다.
 *
 * TODO: 공식 세 개를 쓰고, 그것으로 풀 크기 5, 공급사 호출 90 ms, UPDATE 10 ms인 잡의
 * `concurrency`를 정하세요. 검사는 다른 숫자로도 공식을 시험합니다.
 */
import { todo } from "./todo.ts"

/** f: the fraction of a task's time that it holds a connection. · f: 태스크가 자기 시간 중 커넥션을 잡는 비율 */
export const holdingFraction = (supplierMs: number, updateMs: number): number => todo(supplierMs, updateMs)

/** About how many tasks in flight keep a pool of `poolSize` busy. · 풀 크기 `poolSize`를 바쁘게 하는 진행 중 태스크 수 */
export const workersToKeepBusy = (poolSize: number, f: number): number => todo(poolSize, f)

/** The most statements per second the pool can complete. · 풀이 1초에 끝낼 수 있는 구문 수의 최대 */
export const maxStatementsPerSecond = (poolSize: number, updateMs: number): number => todo(poolSize, updateMs)

/** The job's choice: pool of 5, supplier 90 ms, UPDATE 10 ms. · 잡의 선택 */
export const concurrency: number = todo(holdingFraction, workersToKeepBusy)
