import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, TestClock } from "effect"
import { chunked, InvalidOptionError, pooled, TaskTimeoutError, unbounded, withTaskTimeout } from "poolwise"

/** What a JavaScript caller can pass where TypeScript would object. */
const untyped = <A>(value: unknown) => value as A

type Items = Iterable<number>
type AnyTask = (n: number) => Effect.Effect<unknown>

const runners = [
  [
    "pooled",
    (items: unknown, task: unknown) => pooled(untyped<Items>(items), untyped<AnyTask>(task), { concurrency: 2 }),
  ],
  [
    "chunked",
    (items: unknown, task: unknown) => chunked(untyped<Items>(items), untyped<AnyTask>(task), { chunkSize: 2 }),
  ],
  ["unbounded", (items: unknown, task: unknown) => unbounded(untyped<Items>(items), untyped<AnyTask>(task), {})],
] as const

const notIterable = [
  ["a number", 123],
  ["an array-like object", { length: 2 }],
  ["null", null],
  ["undefined", undefined],
] as const

describe("bad input is refused before anything runs, with a typed error that names it", () => {
  describe.each(runners)("%s", (_, run) => {
    it.effect.each(notIterable)(
      'items that are %s fail with InvalidOptionError naming "items"',
      ([, items]) =>
        Effect.gen(function* () {
          const error = yield* Effect.flip(run(items, () => Effect.die("must not run")))
          expect(error).toBeInstanceOf(InvalidOptionError)
          expect(error).toMatchObject({ option: "items", value: items })
          expect(error.message).toMatch(
            /^Invalid option "items": expected an array, an Iterable, an AsyncIterable or a Stream/,
          )
        }),
    )

    it.effect("a task that is not a function fails, even over an empty input that would never call it", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(run([], "not a task"))
        expect(error).toMatchObject({ _tag: "InvalidOptionError", option: "task", value: "not a task" })
      }))
  })

  it.effect("an unknown mode fails instead of running as fail-fast", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(pooled([1], Effect.succeed, { concurrency: 1, mode: untyped("colect") }))
      expect(error).toMatchObject({ option: "mode", value: "colect" })
    }))

  it.effect("a stop that is not an Effect fails (a Promise, say)", () =>
    Effect.gen(function* () {
      const options = { concurrency: 1, haltWhen: untyped<Effect.Effect<void>>(Promise.resolve()) }
      const error = yield* Effect.flip(pooled([1], Effect.succeed, options))
      expect(error).toMatchObject({ option: "haltWhen" })
    }))
})

const badDurations = [-1, Number.NaN, Number.POSITIVE_INFINITY, "-1", "-5 millis", "soon", [1, -5]] as const

describe("withTaskTimeout refuses a duration it cannot honour", () => {
  it.effect.each(badDurations)(
    "withTaskTimeout(task, %s) never throws, and a runner refuses the whole run before any item, in both modes",
    (bad) =>
      Effect.gen(function* () {
        let ran = 0
        const task = withTaskTimeout(() => Effect.sync(() => ran++), untyped<Duration.DurationInput>(bad))
        for (const mode of ["fail-fast", "collect"] as const) {
          const refusal = yield* Effect.flip(pooled([1, 2], task, { concurrency: 2, mode }))
          expect(refusal).toBeInstanceOf(InvalidOptionError)
          expect(refusal).toMatchObject({ option: "timeout", value: bad })
        }
        // The check travels with the task through other wrappers, and over every input.
        const recorded = yield* Effect.flip(chunked(new Set([1]), withTaskTimeout(task, "1 second"), { chunkSize: 1 }))
        expect(recorded).toMatchObject({ option: "timeout", value: bad })
        // Called by anything else (Effect.forEach), each call fails with the refusal, without running.
        const direct = yield* Effect.flip(Effect.forEach([1], task))
        expect(direct).toMatchObject({ option: "timeout", value: bad })
        expect(ran).toBe(0)
      }),
  )

  it.effect('0 and "5 seconds" are valid: a zero limit fails any task that must wait, at once', () =>
    Effect.gen(function* () {
      const sleep = (ms: number) => Effect.as(Effect.sleep(Duration.millis(ms)), ms)
      expect(
        yield* pooled([10], withTaskTimeout(sleep, "5 seconds"), { concurrency: 1 }).pipe(
          Effect.fork,
          Effect.tap(() => TestClock.adjust("10 millis")),
          Effect.flatMap(Fiber.join),
        ),
      ).toEqual([10])
      const error = yield* Effect.flip(pooled([10], withTaskTimeout(sleep, 0), { concurrency: 1 }))
      expect(error).toBeInstanceOf(TaskTimeoutError)
    }))

  it.effect("an uninterruptible task times out only when it ends: the failure waits for the task", () =>
    Effect.gen(function* () {
      const stubborn = (ms: number) => Effect.uninterruptible(Effect.as(Effect.sleep(Duration.millis(ms)), ms))
      const fiber = yield* Effect.fork(
        Effect.flip(pooled([500], withTaskTimeout(stubborn, "100 millis"), { concurrency: 1 })),
      )
      yield* TestClock.adjust("100 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("399 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBeInstanceOf(TaskTimeoutError)
    }))
})
