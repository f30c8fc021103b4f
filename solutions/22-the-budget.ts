/**
 * Exercise 22, a solution. What is left after the others and the reserve,
 * shared by the new processes, rounded down (a pool is whole connections).
 *
 * 연습 22의 풀이. 다른 배포와 예약분을 빼고 남은 것을 새 프로세스들이 나누고, 내림합니다
 * (풀은 커넥션 단위입니다).
 */
export interface Deployment {
  readonly name: string
  readonly processes: number
  readonly poolSize: number
}

export const connectionsUsed = (reserved: number, deployments: ReadonlyArray<Deployment>): number =>
  deployments.reduce((sum, deployment) => sum + deployment.processes * deployment.poolSize, reserved)

export const largestPool = (
  limit: number,
  reserved: number,
  others: ReadonlyArray<Deployment>,
  processes: number,
): number => Math.max(0, Math.floor((limit - connectionsUsed(reserved, others)) / processes))
