/**
 * Exercise 16, a solution. f = 10 / (90 + 10) = 0.1: ten workers per
 * connection, 50 for a pool of 5. However many wait, the pool completes at
 * most 5 / 0.01 s = 500 statements a second.
 *
 * 연습 16의 풀이. f = 10 / (90 + 10) = 0.1: 커넥션 하나에 워커 열, 풀 크기 5에 50.
 * 몇이 기다리든 풀은 1초에 최대 5 / 0.01 s = 500개의 구문을 끝냅니다.
 */
export const holdingFraction = (supplierMs: number, updateMs: number): number => updateMs / (supplierMs + updateMs)

export const workersToKeepBusy = (poolSize: number, f: number): number => poolSize / f

export const maxStatementsPerSecond = (poolSize: number, updateMs: number): number => (poolSize * 1000) / updateMs

export const concurrency: number = workersToKeepBusy(5, holdingFraction(90, 10))
