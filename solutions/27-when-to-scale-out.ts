/**
 * Exercise 27, a solution. 2,000 products at 200 ms through 20 workers take
 * 20 s on one process; 60 workers on that same process take as long as 3
 * processes of 20 (6.7 s), with no extra connection.
 *
 * 연습 27의 풀이. 상품 2,000개, 200 ms, 워커 20개면 프로세스 하나에서 20초 걸립니다.
 * 같은 프로세스에 워커 60개면 워커 20개짜리 프로세스 3개만큼(6.7초) 걸리고, 커넥션은 더
 * 들지 않습니다.
 */
export const runSeconds = (products: number, supplierMs: number, workers: number, processes: number): number =>
  products / ((workers * processes) / (supplierMs / 1000))

export const clusterConnections = (runners: number, jobPool: number, clusterPool: number, clients: number): number =>
  runners * (jobPool + clusterPool) + clients
