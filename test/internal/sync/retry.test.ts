/**
 * The one retry schedule, alone: what it decides for each kind of failure,
 * and what it costs, counted (not timed) at 10× and 100× the size: a
 * statement that succeeds at once builds no schedule driver and takes no
 * schedule step; one that fails builds one driver and takes one step per
 * failure.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Either, Fiber, type Schedule, TestClock } from "effect"
import { RepositoryError } from "../../../src/internal/sync/RepositoryError.ts"
import {
  type CheckedRetryPolicy,
  defaultRetryPolicy,
  retrying,
  retryPolicy,
  retryScheduleOf,
} from "../../../src/internal/sync/retry.ts"

const checked = (policy: unknown): CheckedRetryPolicy => Either.getOrThrow(retryPolicy("retry", policy))
const exact = checked({ times: 3, base: 100, cap: 300, jitter: false, refusedTimes: 2, serverWait: "30 seconds" })

const failure = (errno: number) => new RepositoryError({ operation: "updateStatus", message: `errno ${errno}`, errno })
const deadlock = failure(1213)
const refused = failure(1040)
const lost = failure(2013)

/** `schedule`, with every driver built from it and every step it takes counted. */
const counting = (schedule: Schedule.Schedule<void, unknown>) => {
  const counts = { drivers: 0, steps: 0 }
  const counted = new Proxy(schedule, {
    get: (target, key, receiver) => {
      // Effect.retry builds its driver from `initial`, and runs `step` once per failure.
      if (key === "initial") counts.drivers++
      const value = Reflect.get(target, key, receiver)
      return key === "step" && typeof value === "function"
        ? (...args: Array<unknown>) => {
          counts.steps++
          return value.apply(target, args)
        }
        : value
    },
  })
  return { counted, counts }
}

/** A statement that fails with `errors` in turn, then succeeds; `at` gets the time of each attempt. */
const flaky = (errors: ReadonlyArray<unknown>, at: Array<number>) => {
  let attempt = 0
  return Effect.flatMap(Clock.currentTimeMillis, (now) => {
    at.push(now)
    const error = errors[attempt++]
    return error === undefined ? Effect.succeed("done") : Effect.fail(error)
  })
}

const run = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(Effect.either(effect))
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

describe("the retry schedule decides by kind of failure, each knob on its own", () => {
  it.effect("contention: after 100, 200, 300 (capped) ms, then the failure is returned", () =>
    Effect.gen(function* () {
      const at: Array<number> = []
      const result = yield* run(retrying(retryScheduleOf(exact))(flaky([deadlock, deadlock, deadlock, deadlock], at)))
      expect(at).toEqual([0, 100, 300, 600])
      expect(result).toEqual(Either.left(deadlock))
    }))

  it.effect("refused: refusedTimes (2) retries with the same delays, whatever `times` is", () =>
    Effect.gen(function* () {
      const at: Array<number> = []
      const schedule = retryScheduleOf({ ...exact, times: 0 })
      const result = yield* run(retrying(schedule)(flaky([refused, refused, refused], at)))
      expect(at).toEqual([0, 100, 300])
      expect(result).toEqual(Either.left(refused))
    }))

  it.effect("connection: waits for the server, then runs again at once; `times` bounds only lost connections on a server that answered", () =>
    Effect.gen(function* () {
      const waits: Array<unknown> = []
      const answeredAtOnce = (error: unknown) => Effect.sync(() => (waits.push(error), false))
      const at: Array<number> = []
      const result = yield* run(
        retrying(retryScheduleOf({ ...exact, times: 2 }, { waitForServer: answeredAtOnce }))(
          flaky([lost, lost, lost], at),
        ),
      )
      expect(at).toEqual([0, 0, 0])
      expect(waits).toHaveLength(3)
      expect(result).toEqual(Either.left(lost))
      const outages = (_: unknown) => Effect.as(Effect.sleep("2 seconds"), true)
      const after: Array<number> = []
      const rode = yield* run(
        retrying(retryScheduleOf({ ...exact, times: 0 }, { waitForServer: outages }))(flaky([lost, lost, lost], after)),
      )
      expect(after.map((t) => t - after[0]!)).toEqual([0, 2_000, 4_000, 6_000])
      expect(rode).toEqual(Either.right("done"))
    }))

  it.effect("a retry after a lost connection starts the contention count again; serverWait 0 or no gate: not retried", () =>
    Effect.gen(function* () {
      const atOnce = (_: unknown) => Effect.succeed(false)
      const at: Array<number> = []
      const schedule = retryScheduleOf({ ...exact, times: 1 }, { waitForServer: atOnce })
      const result = yield* run(retrying(schedule)(flaky([deadlock, lost, deadlock], at)))
      // deadlock (retry 1 of 1), lost (the server answered: lost 1 of 1, counts reset), deadlock (retry 1 of 1 again).
      expect(at).toEqual([0, 100, 100, 200])
      expect(result).toEqual(Either.right("done"))
      const noGate = retryScheduleOf(exact)
      const gateOff = retryScheduleOf(checked({ ...defaultRetryPolicy, serverWait: 0 }), { waitForServer: atOnce })
      for (const schedule of [noGate, gateOff]) {
        const once: Array<number> = []
        expect(yield* run(retrying(schedule)(flaky([lost], once)))).toEqual(Either.left(lost))
        expect(once).toHaveLength(1)
      }
    }))
})

describe("its cost, counted at 10× and 100× the size", () => {
  // No delay between attempts, so that nothing but the statements and the schedule is counted.
  const immediate = checked({ times: 3, base: 0, cap: 0, jitter: false })
  for (const n of [1_000, 10_000, 100_000]) {
    it.effect(`${n} statements, every tenth failing once with a deadlock: ${n / 10} drivers, ${n / 10} steps, none for the rest`, () =>
      Effect.gen(function* () {
        const { counted, counts } = counting(retryScheduleOf(immediate))
        let retries = 0
        const retry = retrying(counted, Effect.sync(() => void retries++))
        const statement = (i: number) => {
          let failed = i % 10 !== 0
          return Effect.suspend(() => failed ? Effect.succeed(i) : ((failed = true), Effect.fail(deadlock)))
        }
        yield* Effect.forEach(Array.from({ length: n }, (_, i) => i), (i) => retry(statement(i)), {
          concurrency: 100,
          discard: true,
        })
        expect(counts).toEqual({ drivers: n / 10, steps: n / 10 })
        expect(retries).toBe(n / 10)
      }))
  }
})
