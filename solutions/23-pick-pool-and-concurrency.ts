/**
 * Exercise 23, a solution. Count processes at their peak; share what the
 * server has left among them; then take the smaller of what keeps the pool
 * busy and each process's share of the supplier.
 *
 * 연습 23의 풀이. 프로세스는 최고치로 셉니다. 서버에 남은 것을 그들이 나눕니다.
 * 그다음 풀을 바쁘게 하는 수와 프로세스마다의 공급사 몫 중 작은 쪽을 고릅니다.
 */
export interface Scenario {
  readonly maxConnections: number
  readonly reserved: number
  readonly others: number
  readonly replicas: number
  readonly processesPerReplica: number
  readonly surgeReplicas: number
  readonly f: number
  readonly supplierInFlight: number
}

export interface Plan {
  readonly peakProcesses: number
  readonly poolSize: number
  readonly concurrency: number
}

export const plan = (scenario: Scenario): Plan => {
  const peakProcesses = (scenario.replicas + scenario.surgeReplicas) * scenario.processesPerReplica
  const poolSize = Math.floor((scenario.maxConnections - scenario.reserved - scenario.others) / peakProcesses)
  const concurrency = Math.min(Math.floor(poolSize / scenario.f), Math.floor(scenario.supplierInFlight / peakProcesses))
  return { peakProcesses, poolSize, concurrency }
}
