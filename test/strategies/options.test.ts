import { describe, expect, it } from "@effect/vitest"
import { Effect, pipe, Ref } from "effect"
import { chunked, InvalidOptionError, pooled } from "poolwise"

// `shown` names each value in the test title: the last one is the string "2", not the number 2.
const badLimits = [
  ...[0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY].map((limit) => ({ limit, shown: String(limit) })),
  { limit: "2" as unknown as number, shown: `the string "2"` },
]

describe("limits are validated, never silently turned into sequential or unbounded runs", () => {
  for (const { limit: bad, shown } of badLimits) {
    it.effect(`concurrency ${shown} fails with InvalidOptionError naming the option, and runs nothing`, () =>
      Effect.gen(function* () {
        const ran = yield* Ref.make(0)
        const error = yield* Effect.flip(pooled([1, 2, 3], () => Ref.update(ran, (n) => n + 1), { concurrency: bad }))
        expect(error).toBeInstanceOf(InvalidOptionError)
        expect(error.option).toBe("concurrency")
        expect(error.message).toContain(`"concurrency"`)
        expect(yield* Ref.get(ran)).toBe(0)
      }))

    it.effect(`chunkSize ${shown} fails with InvalidOptionError naming the option`, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(chunked([1, 2, 3], Effect.succeed, { chunkSize: bad }))
        expect(error.option).toBe("chunkSize")
        expect(error.message).toMatch(/^Invalid option "chunkSize": expected a whole number ≥ 1, got /)
      }))
  }

  it.effect("the message shows the value it got", () =>
    Effect.gen(function* () {
      expect((yield* Effect.flip(pooled([1], Effect.succeed, { concurrency: 0 }))).message).toBe(
        `Invalid option "concurrency": expected a whole number ≥ 1, got 0`,
      )
      const abc = "abc" as unknown as number
      expect((yield* Effect.flip(chunked([1], Effect.succeed, { chunkSize: abc }))).message).toContain(`got "abc"`)
    }))
})

describe("every runner is dual: data-first and data-last give the same result", () => {
  it.effect("pooled(items, task, options) equals pipe(items, pooled(task, options))", () =>
    Effect.gen(function* () {
      const task = (n: number, index: number) => Effect.succeed(`${index}:${n * 2}`)
      const dataFirst = yield* pooled([1, 2, 3], task, { concurrency: 2 })
      const dataLast = yield* pipe([1, 2, 3], pooled(task, { concurrency: 2 }))
      expect(dataFirst).toEqual(["0:2", "1:4", "2:6"])
      expect(dataLast).toEqual(dataFirst)
    }))

  it.effect("chunked passes each task its index in the whole input, not in its chunk", () =>
    Effect.gen(function* () {
      const indices = yield* pipe(
        ["a", "b", "c", "d", "e"],
        chunked((_, index) => Effect.succeed(index), { chunkSize: 2 }),
      )
      expect(indices).toEqual([0, 1, 2, 3, 4])
    }))

  it.effect("accepts any iterable, such as a Set or a generator", () =>
    Effect.gen(function* () {
      function* numbers() {
        yield 1
        yield 2
      }
      expect(yield* pooled(new Set(["x", "y"]), Effect.succeed, { concurrency: 1 })).toEqual(["x", "y"])
      expect(yield* pooled(numbers(), (n) => Effect.succeed(n + 1), { concurrency: 1 })).toEqual([2, 3])
    }))
})
