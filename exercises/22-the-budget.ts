/**
 * Exercise 22 · implement · chapter 6, One connection budget (docs/06-connection-budget.md)
 *
 * The server sees one total: every deployment's processes × pool size, plus
 * connections reserved for admins, migrations and monitoring. It must stay
 * within `max_connections` (or the job user's `MAX_USER_CONNECTIONS`).
 *
 * TODO: write `connectionsUsed` and `largestPool`. The check tries them on
 * the chapter's numbers (a usual day, a blue/green deploy, a per-user limit)
 * and on others.
 *
 * ---
 * 연습 22 · 구현 · 6장, 커넥션 예산 하나 (docs/ko/06-connection-budget.md)
 *
 * 서버가 보는 것은 합계 하나입니다. 배포마다 프로세스 수 × 풀 크기, 그리고 관리자,
 * 마이그레이션, 모니터링용으로 남겨 둔 커넥션. 이것이 `max_connections`(또는 잡
 * 사용자의 `MAX_USER_CONNECTIONS`) 안에 있어야 합니다.
 *
 * TODO: `connectionsUsed`와 `largestPool`을 작성하세요. 검사는 장의 숫자(평소, 블루/그린
 * 배포, 사용자별 상한)와 다른 숫자로 시험합니다.
 */
import { todo } from "./todo.ts"

export interface Deployment {
  readonly name: string
  /** processes at the peak, deploy overlap included · 최고치의 프로세스 수(배포 중 겹침 포함) */
  readonly processes: number
  readonly poolSize: number
}

/** Connections the server sees at the peak. · 최고치에 서버가 보는 커넥션 수 */
export const connectionsUsed = (reserved: number, deployments: ReadonlyArray<Deployment>): number =>
  todo(reserved, deployments)

/**
 * The largest pool per process for `processes` more processes that keeps the
 * total within `limit`; 0 when not even a pool of 1 fits.
 * 프로세스 `processes`개를 더할 때 합계를 `limit` 안에 두는 프로세스당 최대 풀 크기.
 * 풀 크기 1도 안 들어가면 0.
 */
export const largestPool = (
  limit: number,
  reserved: number,
  others: ReadonlyArray<Deployment>,
  processes: number,
): number => todo(limit, reserved, others, processes)
