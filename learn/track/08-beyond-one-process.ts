/**
 * Chapter 8, beyond one process, on plain Effect: an idempotent page write over
 * an in-memory table, run twice as at-least-once delivery does (26), and the
 * arithmetic of scaling out against runs of `pooled` in virtual time (27).
 */
import { Duration, Effect, Fiber } from "effect"
import { pooled } from "poolwise"
import { inVirtualTime, sleepFor } from "poolwise/testing"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectFormula, notYet, sameJson } from "../kit.ts"
import { text } from "../text.ts"

const page = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, stock: 100 + i }))

/** A table in memory whose writes take 10 ms and are counted per product. */
const makeTable = () => {
  const rows = new Map<number, { readonly stock: number; readonly runId: string }>()
  const writes = new Map<number, number>()
  const store = {
    read: (id: number) => Effect.sync(() => rows.get(id)),
    write: (id: number, row: { readonly stock: number; readonly runId: string }) =>
      Effect.zipRight(
        Effect.sleep(10),
        Effect.sync(() => {
          rows.set(id, row)
          writes.set(id, (writes.get(id) ?? 0) + 1)
        }),
      ),
  }
  return { rows, writes, store }
}

export const anIdempotentPage: ExerciseDefinition = {
  slug: "an-idempotent-page",
  chapter: 8,
  kind: "fix",
  title: text("An idempotent page: at-least-once, written once", "멱등 페이지: 최소 한 번 전달, 쓰기는 한 번"),
  todo: text("Fix `syncPage`.", "`syncPage`를 고치세요."),
  untouched: "Product 1 was written twice",
  hints: [
    text(
      "Before writing a product, look at its row: which run wrote it last?",
      "상품을 쓰기 전에 그 행을 보세요. 마지막으로 쓴 실행은 누구인가요?",
    ),
    text(
      "`const row = yield* store.read(product.id)`; when `row?.runId === runId`, this run already wrote it: count it as already written and go on.",
      "`const row = yield* store.read(product.id)`; `row?.runId === runId`이면 이 실행이 이미 쓴 것입니다. 이미 쓴 것으로 세고 넘어가세요.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const syncPage = yield* effectFunctionAt(exports, "syncPage")
      const table = makeTable()
      const [report, byRun1, again] = yield* inVirtualTime(Effect.gen(function* () {
        // The first attempt: its runner dies 35 ms in, after three writes.
        const first = yield* Effect.fork(syncPage(table.store, "run-1", page))
        yield* Effect.sleep(35)
        yield* Fiber.interrupt(first)
        // Delivered again: the page runs from the start, under the same run.
        const report = yield* syncPage(table.store, "run-1", page)
        const byRun1 = new Map(table.writes)
        // The next night's run writes every product again.
        const again = yield* syncPage(table.store, "run-2", page)
        return [report, byRun1, again] as const
      }))
      const twice = page.find((product) => (byRun1.get(product.id) ?? 0) > 1)
      if (twice !== undefined) {
        return yield* notYet(text(
          `Product ${twice.id} was written twice by run-1: the page ran again after its runner died (at-least-once delivery), ` +
            "and the write did not check the run id. A product this run already wrote must be left alone, and counted as written.",
          `상품 ${twice.id}을(를) run-1이 두 번 썼습니다. 러너가 죽은 뒤 페이지가 다시 돌았고(최소 한 번 전달), ` +
            "쓰기는 실행 id를 보지 않았습니다. 이 실행이 이미 쓴 상품은 그대로 두고, 쓴 것으로 세야 합니다.",
        ))
      }
      const missing = page.find((product) => table.rows.get(product.id)?.runId !== "run-2")
      if (missing !== undefined) {
        return yield* notYet(text(
          `After run-2, product ${missing.id} does not carry run-2: a new run writes every product again.`,
          `run-2 뒤에도 상품 ${missing.id}에 run-2가 적혀 있지 않습니다. 새 실행은 모든 상품을 다시 씁니다.`,
        ))
      }
      if (!sameJson(report, { written: 7, alreadyWritten: 3 })) {
        return yield* notYet(text(
          `Each product is written once, but the second attempt reported ${JSON.stringify(report)}: ` +
            "the first attempt wrote 3 before it died, so 7 written and 3 already written.",
          `상품마다 한 번씩 썼지만 두 번째 시도의 리포트는 ${JSON.stringify(report)}입니다. ` +
            "첫 시도가 죽기 전에 3개를 썼으니 written 7, alreadyWritten 3이어야 합니다.",
        ))
      }
      if (!sameJson(again, { written: 10, alreadyWritten: 0 })) {
        return yield* notYet(text(
          `A new run (run-2) reported ${JSON.stringify(again)}: a new run id writes every product again.`,
          `새 실행(run-2)의 리포트는 ${JSON.stringify(again)}입니다. 새 실행 id는 모든 상품을 다시 씁니다.`,
        ))
      }
    }),
}

/** Seconds `pooled` takes in virtual time for `products` supplier calls of `supplierMs` with `workers` in flight. */
const simulated = (products: number, supplierMs: number, workers: number) =>
  Effect.map(
    inVirtualTime(
      Effect.timed(pooled(Array.from({ length: products }, () => supplierMs), sleepFor, { concurrency: workers })),
    ),
    ([elapsed]) => Duration.toMillis(elapsed) / 1000,
  )

export const whenToScaleOut: ExerciseDefinition = {
  slug: "when-to-scale-out",
  chapter: 8,
  kind: "size",
  title: text("When to scale out: workers first, then processes", "언제 늘릴까: 워커 먼저, 그다음 프로세스"),
  todo: text("Write `runSeconds` and `clusterConnections`.", "`runSeconds`와 `clusterConnections`를 작성하세요."),
  untouched: "Write `runSeconds` and `clusterConnections`",
  hints: [
    text(
      "Throughput first: how many products a second do `workers × processes` workers settle when each takes `supplierMs`?",
      "처리량부터: 워커 `workers × processes`개가 각각 `supplierMs`씩 걸리면 1초에 상품 몇 개를 처리하나요?",
    ),
    text(
      "products a second = workers × processes / (supplierMs / 1000); the run takes products / that.",
      "초당 상품 수 = workers × processes / (supplierMs / 1000). 실행 시간은 products / 그것.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [number, number, number, number]> = [
        [120, 200, 20, 3],
        [80, 100, 10, 2],
        [60, 200, 20, 1],
      ]
      // Cheap first: an unwritten formula says so before any run is simulated.
      yield* expectFormula(
        exports,
        "clusterConnections",
        [[[3, 2, 2, 1], 13], [[5, 4, 2, 2], 32], [[1, 5, 2, 0], 7]],
        text(
          "Each runner holds its job pool and the cluster's own pool; each client holds one.",
          "러너마다 잡 풀과 클러스터 풀을 잡고, 클라이언트마다 하나를 잡습니다.",
        ),
      )
      const measured: Array<readonly [ReadonlyArray<unknown>, number]> = []
      for (const [products, supplierMs, workers, processes] of cases) {
        measured.push([
          [products, supplierMs, workers, processes],
          yield* simulated(products, supplierMs, workers * processes),
        ])
      }
      yield* expectFormula(
        exports,
        "runSeconds",
        measured,
        text(
          "The figure on the right is what `pooled` took in virtual time with workers × processes in flight.",
          "맞는 값은 워커 × 프로세스만큼 동시에 돌린 `pooled`가 가상 시간에서 걸린 시간입니다.",
        ),
      )
      yield* expectFormula(
        exports,
        "runSeconds",
        [[[2_000, 200, 20, 3], 2_000 / 300], [[2_000, 200, 60, 1], 2_000 / 300]],
        text(
          "60 workers on one process are as fast as 3 processes of 20, and need no extra connection.",
          "프로세스 하나의 워커 60개는 워커 20개짜리 프로세스 3개만큼 빠르고, 커넥션은 더 들지 않습니다.",
        ),
      )
    }),
}
