/** Chapter 9, Effect's own tools: one `Semaphore` shared by two callers (12), connections lent from a `Pool` (13). */
import { Effect, Pool } from "effect"
import type { ExerciseDefinition } from "../exercise.ts"
import { effectFunctionAt, expectNumber, notYet, sameJson, scheduleOf } from "../kit.ts"
import { expectSchedule, pool } from "../schedule.ts"
import { text } from "../text.ts"

const lookups = [100, 300, 200]

const skuLatency: Readonly<Record<string, number>> = { a1: 100, a2: 300, a3: 200, b1: 100, b2: 300, b3: 200 }

export const oneSupplierTwoCallers: ExerciseDefinition = {
  slug: "one-supplier-two-callers",
  chapter: 9,
  kind: "implement",
  title: text("One supplier, two callers: a Semaphore", "공급사 하나, 호출하는 쪽 둘: 세마포어"),
  todo: text(
    "Write `limitSupplier`: a `fetch` that never has more than 2 requests in flight, across every caller.",
    "`limitSupplier`를 작성하세요: 모든 호출을 합쳐 진행 중인 요청이 2개를 넘지 않는 `fetch`.",
  ),
  untouched: "Write `limitSupplier`",
  hints: [
    text(
      "A cap on a resource that several callers share is a `Semaphore`: each request holds a permit while it runs.",
      "여러 호출이 공유하는 자원의 상한은 세마포어입니다. 요청은 도는 동안 permit 하나를 잡습니다.",
    ),
    text(
      "`Effect.makeSemaphore(2)` makes one (an Effect: make it once, in `limitSupplier`); `semaphore.withPermits(1)(effect)` runs `effect` holding a permit.",
      "`Effect.makeSemaphore(2)`가 만듭니다(Effect입니다. `limitSupplier`에서 한 번만 만드세요). `semaphore.withPermits(1)(effect)`는 permit을 잡고 `effect`를 돌립니다.",
    ),
    text(
      "In code: `Effect.map(Effect.makeSemaphore(2), (supplier) => (sku: string) => supplier.withPermits(1)(fetch(sku)))`.",
      "코드로는: `Effect.map(Effect.makeSemaphore(2), (supplier) => (sku: string) => supplier.withPermits(1)(fetch(sku)))`.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const limitSupplier = yield* effectFunctionAt(exports, "limitSupplier")
      const [, timeline] = yield* scheduleOf((probe) =>
        Effect.gen(function* () {
          const fetch = probe.calls((sku: string) => Effect.as(Effect.sleep(skuLatency[sku]!), sku), (sku) => sku)
          const limited = (yield* limitSupplier(fetch)) as (sku: string) => Effect.Effect<string>
          const prices = Effect.forEach(["a1", "a2", "a3"], limited, { concurrency: "unbounded" })
          const stock = Effect.forEach(["b1", "b2", "b3"], limited, { concurrency: "unbounded" })
          return yield* Effect.all([prices, stock], { concurrency: "unbounded" })
        })
      )
      const calls = timeline.spans.length
      if (calls !== 6) {
        return yield* notYet(text(
          `The supplier got ${calls} requests; the two callers sent 6.`,
          `공급사가 받은 요청은 ${calls}개, 두 호출이 보낸 것은 6개입니다.`,
        ))
      }
      if (timeline.peakInFlight > 2) {
        return yield* notYet(text(
          `${timeline.peakInFlight} requests were in flight at once; the supplier allows 2. ` +
            "If every call makes its own semaphore, nothing is shared: make it once, in `limitSupplier`, and use it in the function it returns.",
          `진행 중인 요청이 한때 ${timeline.peakInFlight}개였습니다. 공급사는 2개까지 받습니다. ` +
            "호출마다 세마포어를 만들면 아무것도 공유되지 않습니다. `limitSupplier`에서 한 번 만들고, 돌려주는 함수에서 쓰세요.",
        ))
      }
      yield* expectNumber(
        text("The most requests in flight", "진행 중인 요청의 최고치"),
        2,
        timeline.peakInFlight,
        text("The supplier allows 2 at a time: use both.", "공급사는 한 번에 2개를 받습니다. 둘 다 쓰세요."),
      )
      yield* expectNumber(
        text("Done at (ms)", "끝난 시각(ms)"),
        600,
        timeline.makespan,
        text(
          "1,200 ms of requests, 2 at a time, end at 600 ms when no permit is left idle.",
          "요청이 모두 1,200 ms, 한 번에 2개씩이면 permit이 놀지 않을 때 600 ms에 끝납니다.",
        ),
      )
    }),
}

export const lendAConnection: ExerciseDefinition = {
  slug: "lend-a-connection",
  chapter: 9,
  kind: "implement",
  title: text("Lend a connection: Effect's Pool", "커넥션 빌려주기: Effect의 Pool"),
  todo: text(
    "Write `withConnection`: borrow a connection from the pool, run `use`, give it back.",
    "`withConnection`을 작성하세요: 풀에서 커넥션을 빌려 `use`를 돌리고 돌려줍니다.",
  ),
  untouched: "Write `withConnection`",
  hints: [
    text(
      "`Pool.get(pool)` borrows a connection for as long as the current scope lasts.",
      "`Pool.get(pool)`은 현재 scope가 이어지는 동안 커넥션을 빌립니다.",
    ),
    text(
      "So give `use` a scope of its own that closes when it is done: `Effect.scoped(…)` around the borrow and the use.",
      "그러니 `use`가 끝나면 닫히는 scope를 따로 주세요. 빌리기와 쓰기를 `Effect.scoped(…)`로 감쌉니다.",
    ),
    text(
      "In code: `Effect.scoped(Effect.flatMap(Pool.get(pool), use))`.",
      "코드로는: `Effect.scoped(Effect.flatMap(Pool.get(pool), use))`.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const withConnection = yield* effectFunctionAt(exports, "withConnection")
      let opened = 0
      const [used, timeline] = yield* scheduleOf((probe) =>
        Effect.scoped(Effect.gen(function* () {
          const connections = yield* Pool.make({ acquire: Effect.sync(() => ++opened), size: 2 })
          const lookup = probe.calls(
            (ms: number, _task: number, connection: number) => Effect.as(Effect.sleep(ms), connection),
            (_ms, task) => String(task),
          )
          return yield* Effect.forEach(
            lookups,
            (ms, index) => withConnection(connections, (connection: number) => lookup(ms, index + 1, connection)),
            { concurrency: "unbounded" },
          )
        }))
      )
      yield* expectSchedule(timeline, pool(2), lookups, {
        about: text("With 2 connections", "커넥션이 2개일 때"),
      })
      if (opened !== 2 || !sameJson(used, [1, 2, 1])) {
        return yield* notYet(text(
          `The lookups used connections ${JSON.stringify(used)} of ${opened} opened; expected [1, 2, 1] of 2: ` +
            "task 3 gets the connection task 1 gave back.",
          `조회가 쓴 커넥션은 ${JSON.stringify(used)}, 연 커넥션은 ${opened}개입니다. 기대한 것은 2개 중 [1, 2, 1]: ` +
            "태스크 3은 태스크 1이 돌려준 커넥션을 받습니다.",
        ))
      }
    }),
}
