/**
 * Exercise 26 · fix · chapter 8, Beyond one process (docs/08-beyond-one-process.md)
 *
 * In a cluster each page's message is delivered at least once: when a runner
 * dies halfway through a page, the page runs again, from the start, on
 * another runner. That is safe only if the write is idempotent: a product
 * this run already wrote is left alone (and counted as written), so nothing
 * is written twice and the report still adds up.
 *
 * TODO: fix `syncPage` so that a page run again under the same run id
 * writes only what the first attempt did not, and reports the rest as
 * `alreadyWritten`. A new run id writes everything again.
 *
 * ---
 * 연습 26 · 고치기 · 8장, 프로세스 하나를 넘어서 (docs/ko/08-beyond-one-process.md)
 *
 * 클러스터에서 페이지의 메시지는 최소 한 번 전달됩니다. 러너가 페이지를 반쯤 하다
 * 죽으면 그 페이지는 다른 러너에서 처음부터 다시 돕니다. 쓰기가 멱등일 때만
 * 안전합니다. 이 실행이 이미 쓴 상품은 그대로 두고(쓴 것으로 셈), 그래서 아무것도 두 번
 * 쓰지 않고 리포트도 맞아떨어집니다.
 *
 * TODO: 같은 실행 id로 다시 돈 페이지는 첫 시도가 쓰지 못한 것만 쓰고 나머지는
 * `alreadyWritten`으로 리포트하도록 `syncPage`를 고치세요. 새 실행 id는 모두 다시 씁니다.
 */
import { Effect } from "effect"

export interface Row {
  readonly stock: number
  /** the run that last wrote this row · 이 행을 마지막으로 쓴 실행 */
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
    for (const product of products) {
      yield* store.write(product.id, { stock: product.stock, runId })
      written++
    }
    return { written, alreadyWritten: 0 }
  })
