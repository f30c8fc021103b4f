/**
 * Exercise 27 · size · chapter 8, Beyond one process (docs/08-beyond-one-process.md)
 *
 * A product of the sync job spends almost all its time waiting for the
 * supplier, so a run is supplier-bound: `workers` workers per process, each
 * call `supplierMs`, settle workers / (supplierMs / 1000) products a second
 * per process. Before adding processes, raise the workers (they are fibers,
 * and cost no connection). When you do split a run over a cluster, count its
 * connections: runners × (job pool + cluster pool) + one per client.
 *
 * TODO: write the two formulas. The check compares `runSeconds` with runs of
 * `pooled` in virtual time.
 *
 * ---
 * 연습 27 · 크기 정하기 · 8장, 프로세스 하나를 넘어서 (docs/ko/08-beyond-one-process.md)
 *
 * 동기화 잡의 상품은 거의 모든 시간을 공급사를 기다리며 보내므로, 실행 시간은 공급사가
 * 정합니다. 프로세스마다 워커 `workers`개, 호출 하나에 `supplierMs`면, 프로세스마다 1초에
 * workers / (supplierMs / 1000)개의 상품을 처리합니다. 프로세스를 늘리기 전에 워커를
 * 늘리세요(워커는 fiber이고 커넥션을 쓰지 않습니다). 실행을 클러스터로 나눌 때는 커넥션을
 * 세세요: 러너 수 × (잡 풀 + 클러스터 풀) + 클라이언트마다 하나.
 *
 * TODO: 공식 두 개를 쓰세요. 검사는 `runSeconds`를 가상 시간에서 돈 `pooled`의 실행과
 * 비교합니다.
 */
import { todo } from "./todo.ts"

/** Seconds a supplier-bound run takes. · 공급사가 정하는 실행 시간(초) */
export const runSeconds = (products: number, supplierMs: number, workers: number, processes: number): number =>
  todo(products, supplierMs, workers, processes)

/** Connections a cluster holds. · 클러스터가 잡는 커넥션 수 */
export const clusterConnections = (runners: number, jobPool: number, clusterPool: number, clients: number): number =>
  todo(runners, jobPool, clusterPool, clients)
