/**
 * Exercise 23 · size · chapter 6, One connection budget (docs/06-connection-budget.md)
 *
 * Plan the sync job for any server: the pool size comes out of the budget
 * (at the peak number of processes, deploy surge included), the concurrency
 * out of the work (poolSize / f workers keep a pool busy) and out of what
 * else the workers hit (the supplier allows only so many requests in flight,
 * across every process). The smaller limit wins; both are whole numbers.
 *
 * TODO: write `plan`. The check tries it on three scenarios.
 *
 * ---
 * 연습 23 · 크기 정하기 · 6장, 커넥션 예산 하나 (docs/ko/06-connection-budget.md)
 *
 * 어떤 서버에서든 동기화 잡의 계획을 세웁니다. 풀 크기는 예산에서(배포 중 늘어나는
 * 것까지 포함한 최고 프로세스 수로), 동시 실행 수는 일에서(워커 poolSize / f개가
 * 풀을 바쁘게 함), 그리고 워커가 건드리는 다른 것에서(공급사는 모든 프로세스를 합쳐
 * 진행 중인 요청을 일정 수만 받음) 나옵니다. 작은 상한이 이기고, 둘 다 정수입니다.
 *
 * TODO: `plan`을 작성하세요. 검사는 시나리오 세 개로 시험합니다.
 */
import { todo } from "./todo.ts"

export interface Scenario {
  /** the server's max_connections (or the user's limit) · 서버의 max_connections(또는 사용자 상한) */
  readonly maxConnections: number
  /** kept for admins, migrations, monitoring · 관리자, 마이그레이션, 모니터링용 */
  readonly reserved: number
  /** what every other application holds at its peak · 다른 애플리케이션이 최고치에 잡는 것 */
  readonly others: number
  readonly replicas: number
  readonly processesPerReplica: number
  /** extra replicas while a deploy runs · 배포 중에 더 뜨는 레플리카 */
  readonly surgeReplicas: number
  /** the fraction of its time a task holds a connection · 커넥션 점유 비율 */
  readonly f: number
  /** requests the supplier allows in flight, across every process · 모든 프로세스를 합쳐 공급사가 받는 진행 중 요청 수 */
  readonly supplierInFlight: number
}

export interface Plan {
  readonly peakProcesses: number
  /** per process · 프로세스당 */
  readonly poolSize: number
  /** per process · 프로세스당 */
  readonly concurrency: number
}

export const plan = (scenario: Scenario): Plan => todo(scenario)
