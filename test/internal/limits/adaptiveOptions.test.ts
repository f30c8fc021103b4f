/**
 * `adaptive(…)` options: checked once, before any task runs, with the kit's
 * one message shape; and the overloads the default classifier knows.
 */
import { describe, expect, it } from "@effect/vitest"
import { Data, Effect, Either } from "effect"
import { makeAdaptiveLimit } from "../../../src/internal/limits/adaptiveLimit.ts"
import { adaptiveRule, isOverloadError } from "../../../src/internal/limits/adaptiveOptions.ts"

const refusal = (value: unknown) => Either.flip(adaptiveRule("concurrency", value)).pipe(Either.getOrThrow).message

describe("adaptive options", () => {
  it("only max is required: min 1, start at min, gradient, backoff 0.9, tolerance 0.1", () => {
    const { settings } = Either.getOrThrow(adaptiveRule("concurrency", { max: 40 }))
    expect(settings).toEqual({ algorithm: "gradient", min: 1, max: 40, initial: 1, backoff: 0.9, tolerance: 0.1 })
  })

  it.each([
    [{}, `Invalid option "concurrency.max": expected a whole number ≥ 1, got undefined`],
    [{ min: 0, max: 5 }, `Invalid option "concurrency.min": expected a whole number ≥ 1, got 0`],
    [{ min: 10, max: 5 }, `Invalid option "concurrency.max": expected a whole number ≥ 10, got 5`],
    [{ max: 5, initial: 6 }, `Invalid option "concurrency.initial": expected a whole number from 1 to 5, got 6`],
    [
      { max: 5, algorithm: "vegas" },
      `Invalid option "concurrency.algorithm": expected "gradient" or "aimd", got "vegas"`,
    ],
    [{ max: 5, backoff: 1 }, `Invalid option "concurrency.backoff": expected a number above 0 and below 1, got 1`],
    [{ max: 5, tolerance: -0.1 }, `Invalid option "concurrency.tolerance": expected a finite number ≥ 0, got -0.1`],
    [
      { max: 5, isOverload: true },
      `Invalid option "concurrency.isOverload": expected a function (error) => boolean, got true`,
    ],
    [
      "auto",
      `Invalid option "concurrency": expected adaptive options { min?, max, initial?, algorithm?, backoff?, tolerance? }, got "auto"`,
    ],
  ])("%j is refused: %s", (value, message) => {
    expect(refusal(value)).toBe(message)
  })

  it.effect("makeAdaptiveLimit refuses before making anything", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(makeAdaptiveLimit({ max: 0 }))
      expect(error._tag).toBe("InvalidOptionError")
    }))
})

describe("which failures are overloads", () => {
  class TaskTimeoutError extends Data.TaggedError("TaskTimeoutError")<{ readonly ms: number }> {}
  it.each([
    [new TaskTimeoutError({ ms: 5 }), true],
    [{ _tag: "RepositoryError", errno: 1040, message: "Too many connections" }, true],
    [{ _tag: "RepositoryError", errno: 1226, message: "max_user_connections" }, true],
    [{ errno: 1203 }, true],
    [{ status: 429 }, true],
    [{ status: 503 }, true],
    [{ _tag: "ServiceOverloaded", inFlight: 60 }, true],
    [{ _tag: "RepositoryError", errno: 1213, message: "Deadlock" }, false],
    [{ status: 404 }, false],
    [new Error("boom"), false],
    ["too many requests", false],
    [undefined, false],
  ])("%j → %s", (error, overload) => {
    expect(isOverloadError(error)).toBe(overload)
  })
})
