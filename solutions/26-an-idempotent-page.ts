/**
 * Exercise 26, a solution. Each write is conditional on the run id, like the
 * kit's `UPDATE … WHERE id = ? AND NOT (sync_run_id <=> ?)`: a row this run
 * already wrote is counted, not written again.
 *
 * 연습 26의 풀이. 쓰기마다 실행 id를 조건으로 겁니다. 키트의
 * `UPDATE … WHERE id = ? AND NOT (sync_run_id <=> ?)`처럼, 이 실행이 이미 쓴 행은 다시
 * 쓰지 않고 셉니다.
 */
import { Effect } from "effect"

export interface Row {
  readonly stock: number
  readonly runId: string
}

export interface Store {
  readonly read: (id: number) => Effect.Effect<Row | undefined>
  readonly write: (id: number, row: Row) => Effect.Effect<void>
}

export interface PageReport {
  readonly written: number
  readonly alreadyWritten: number
}

export const syncPage = (
  store: Store,
  runId: string,
  products: ReadonlyArray<{ readonly id: number; readonly stock: number }>,
): Effect.Effect<PageReport> =>
  Effect.gen(function* () {
    let written = 0
    let alreadyWritten = 0
    for (const product of products) {
      const row = yield* store.read(product.id)
      if (row?.runId === runId) {
        alreadyWritten++
        continue
      }
      yield* store.write(product.id, { stock: product.stock, runId })
      written++
    }
    return { written, alreadyWritten }
  })
