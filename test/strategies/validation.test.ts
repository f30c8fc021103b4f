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

async function* pages() {
  yield 1
}

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
          expect(error.message).toMatch(/^Invalid option "items": expected an Iterable/)
        }),
    )

    it.effect("a task that is not a function fails, even over an empty input that would never call it", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(run([], "not a task"))
        expect(error).toMatchObject({ _tag: "InvalidOptionError", option: "task", value: "not a task" })
      }))
  })

  it.effect("an async generator is refused (p-map would take it), and the message names the way to run it", () =>
    Effect.gen(function* () {
      let ran = 0
      const error = yield* Effect.flip(
        pooled(untyped<Items>(pages()), () => Effect.sync(() => ran++), { concurrency: 2 }),
      )
      expect(error).toMatchObject({ option: "items" })
      expect(error.message).toContain("AsyncIterable")
      expect(error.message).toContain("pooledStream")
      expect(ran).toBe(0)
    }))

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
    "withTaskTimeout(task, %s) never throws: each item fails with InvalidOptionError, and the task never runs",
    (bad) =>
      Effect.gen(function* () {
        let ran = 0
        const task = withTaskTimeout(() => Effect.sync(() => ran++), untyped<Duration.DurationInput>(bad))
        const settled = yield* pooled([1, 2], task, { concurrency: 2, mode: "collect" })
        expect(settled.errors.map((f) => f.error._tag)).toEqual(["InvalidOptionError", "InvalidOptionError"])
        expect(settled.errors[0]!.error).toMatchObject({ option: "timeout", value: bad })
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
