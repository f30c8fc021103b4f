/** Chapter 6, one connection budget: the server's total (22), and a plan for pool and concurrency (23). */
import { Effect } from "effect"
import type { ExerciseDefinition } from "../exercise.ts"
import { expectFormula, exported, notYet, sameJson } from "../kit.ts"
import { text } from "../text.ts"

const web = { name: "web", processes: 3, poolSize: 10 }

export const theBudget: ExerciseDefinition = {
  slug: "the-budget",
  chapter: 6,
  kind: "implement",
  title: text(
    "The budget: processes × pool size against max_connections",
    "예산: 프로세스 × 풀 크기 대 max_connections",
  ),
  todo: text("Write `connectionsUsed` and `largestPool`.", "`connectionsUsed`와 `largestPool`을 작성하세요."),
  untouched: "Write `connectionsUsed` and `largestPool`",
  hints: [
    text(
      "The server does not care which process a connection comes from: add up processes × pool size over every deployment, then the reserve.",
      "서버는 커넥션이 어느 프로세스에서 왔는지 신경 쓰지 않습니다. 배포마다 프로세스 × 풀 크기를 더하고, 예약분을 더하세요.",
    ),
    text(
      "`largestPool`: what is left after the others and the reserve (`limit − connectionsUsed(reserved, others)`), shared by `processes`.",
      "`largestPool`: 다른 배포와 예약분을 빼고 남은 것(`limit − connectionsUsed(reserved, others)`)을 `processes`개가 나눕니다.",
    ),
    text(
      "A pool is whole connections: round down (`Math.floor`), and never below 0.",
      "풀은 커넥션 단위입니다. 내림하고(`Math.floor`), 0 밑으로는 내려가지 않게.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      yield* expectFormula(
        exports,
        "connectionsUsed",
        [
          [[6, [web, { name: "sync", processes: 8, poolSize: 10 }]], 116],
          [[6, [web, { name: "sync", processes: 16, poolSize: 10 }]], 196],
          [[0, []], 0],
          [[2, [{ name: "runners", processes: 3, poolSize: 4 }, { name: "client", processes: 1, poolSize: 1 }]], 15],
        ],
        text("Σ processes × pool size, plus the reserve.", "Σ 프로세스 × 풀 크기, 더하기 예약분."),
      )
      yield* expectFormula(
        exports,
        "largestPool",
        [
          [[151, 6, [web], 16], 7],
          [[80, 0, [], 16], 5],
          [[151, 6, [web], 8], 14],
          [[100, 10, [{ name: "big", processes: 10, poolSize: 10 }], 5], 0],
        ],
        text(
          "⌊(limit − the others − the reserve) / processes⌋, and 0 when nothing fits.",
          "⌊(limit − 다른 배포 − 예약분) / processes⌋, 아무것도 안 들어가면 0.",
        ),
      )
    }),
}

const scenarios = [
  {
    scenario: {
      maxConnections: 151,
      reserved: 6,
      others: 30,
      replicas: 4,
      processesPerReplica: 2,
      surgeReplicas: 1,
      f: 0.1,
      supplierInFlight: 600,
    },
    plan: { peakProcesses: 10, poolSize: 11, concurrency: 60 },
    why: text(
      "a rolling deploy (one extra replica); the supplier's 600 requests, shared by 10 processes, win over 11 / 0.1",
      "롤링 배포(레플리카 하나 더), 공급사의 요청 600개를 프로세스 10개가 나눈 것이 11 / 0.1보다 작음",
    ),
  },
  {
    scenario: {
      maxConnections: 151,
      reserved: 6,
      others: 30,
      replicas: 4,
      processesPerReplica: 2,
      surgeReplicas: 4,
      f: 0.1,
      supplierInFlight: 2_000,
    },
    plan: { peakProcesses: 16, poolSize: 7, concurrency: 70 },
    why: text(
      "a blue/green deploy doubles the processes; here the pool (7 / 0.1) is the smaller limit",
      "블루/그린 배포는 프로세스를 두 배로 늘림. 여기서는 풀(7 / 0.1)이 더 작은 상한",
    ),
  },
  {
    scenario: {
      maxConnections: 80,
      reserved: 0,
      others: 0,
      replicas: 8,
      processesPerReplica: 1,
      surgeReplicas: 0,
      f: 0.25,
      supplierInFlight: 10_000,
    },
    plan: { peakProcesses: 8, poolSize: 10, concurrency: 40 },
    why: text("a per-user limit of 80 that only the job counts against", "잡만 세는 사용자별 상한 80"),
  },
] as const

export const pickPoolAndConcurrency: ExerciseDefinition = {
  slug: "pick-pool-and-concurrency",
  chapter: 6,
  kind: "size",
  title: text("Pick the pool, then the concurrency", "풀 크기를 고르고, 그다음 동시 실행 수"),
  todo: text("Write `plan`.", "`plan`을 작성하세요."),
  untouched: "Write `plan`",
  hints: [
    text(
      "Three steps in order: the peak number of processes, the pool that fits at that peak, the concurrency that pool and the supplier allow.",
      "순서대로 세 단계: 최고 프로세스 수, 그 최고치에서 들어가는 풀, 그 풀과 공급사가 허락하는 동시 실행 수.",
    ),
    text(
      "peak = (replicas + surge) × processes per replica; pool = ⌊(max − reserved − others) / peak⌋.",
      "최고치 = (replicas + surge) × 레플리카당 프로세스; 풀 = ⌊(max − reserved − others) / 최고치⌋.",
    ),
    text(
      "concurrency = min(⌊pool / f⌋, ⌊supplierInFlight / peak⌋): the supplier's allowance is shared by every process.",
      "concurrency = min(⌊pool / f⌋, ⌊supplierInFlight / 최고치⌋): 공급사의 허용량은 모든 프로세스가 나눕니다.",
    ),
  ],
  check: (exports) =>
    Effect.gen(function* () {
      const plan = yield* exported(exports, "plan")
      if (typeof plan !== "function") {
        return yield* notYet(text("`plan` should be a function.", "`plan`은(는) 함수여야 합니다."))
      }
      for (const { scenario, plan: expected, why } of scenarios) {
        const got = yield* Effect.sync(() => (plan as (s: unknown) => unknown)(scenario))
        if (!sameJson(got, expected)) {
          return yield* notYet(text(
            `For ${JSON.stringify(scenario)} (${why.en}): your plan is ${JSON.stringify(got)}; expected ${
              JSON.stringify(expected)
            }.`,
            `${JSON.stringify(scenario)}(${why.ko})에서 계획은 ${JSON.stringify(got)}, 기대한 값은 ${
              JSON.stringify(expected)
            }입니다.`,
          ))
        }
      }
    }),
}
