/**
 * The runners' types, pinned: what each overload returns, for data-first and
 * data-last calls, both error modes, a mode held in a variable, and a stop.
 * Vitest type-checks this file (`typecheck` in vitest.config.ts); nothing here runs.
 */
import { Effect, type Either, pipe, Stream } from "effect"
import type { Input, TaskFailure } from "poolwise"
import {
  adaptive,
  chunked,
  type ErrorMode,
  type InvalidOptionError,
  liveLimit,
  pooled,
  pooledStrategy,
  type Settled,
  type Task,
  type TaskNotRun,
  type TaskTimeoutError,
  unbounded,
  withTaskTimeout,
} from "poolwise"
import { describe, expectTypeOf, test } from "vitest"

/** A service the task needs, its typed error, and a stop signal's own error and service. */
interface Db {
  readonly _tag: "Db"
}
interface DbError {
  readonly _tag: "DbError"
}
interface Clock2 {
  readonly _tag: "Clock2"
}
interface SignalLost {
  readonly _tag: "SignalLost"
}

/** A task with a typed error and a requirement: both must reach the run's type. */
declare const lookup: (id: number, index: number) => Effect.Effect<string, DbError, Db>
const ids: ReadonlyArray<number> = [1, 2, 3]
const idSet: Set<number> = new Set(ids)
declare const mode: ErrorMode
declare const signal: Effect.Effect<void, SignalLost, Clock2>

describe("pooled: fail-fast (the default)", () => {
  test("data-first over an array: Array<B>; the task's error and InvalidOptionError; the task's requirements", () => {
    expectTypeOf(pooled(ids, lookup, { concurrency: 2 })).toEqualTypeOf<
      Effect.Effect<Array<string>, DbError | InvalidOptionError, Db>
    >()
    expectTypeOf(pooled(ids, lookup, { concurrency: 2, mode: "fail-fast" })).toEqualTypeOf<
      Effect.Effect<Array<string>, DbError | InvalidOptionError, Db>
    >()
  })

  test("over any other iterable the input may throw, so TaskNotRun joins the errors", () => {
    expectTypeOf(pooled(idSet, lookup, { concurrency: 2 })).toEqualTypeOf<
      Effect.Effect<Array<string>, DbError | InvalidOptionError | TaskNotRun, Db>
    >()
  })

  test("data-last: a function of any input of the task's items, with the same types as data-first", () => {
    const run = pooled(lookup, { concurrency: 2 })
    expectTypeOf(run).parameter(0).toMatchTypeOf<Input<number>>()
    expectTypeOf(pipe(ids, run)).toEqualTypeOf<Effect.Effect<Array<string>, DbError | InvalidOptionError, Db>>()
    expectTypeOf(pipe(idSet, run)).toEqualTypeOf<
      Effect.Effect<Array<string>, DbError | InvalidOptionError | TaskNotRun, Db>
    >()
  })

  test("an async iterable may throw too: TaskNotRun joins the errors", () => {
    const pages: AsyncIterable<number> = {
      async *[Symbol.asyncIterator]() {
        yield 1
      },
    }
    expectTypeOf(pooled(pages, lookup, { concurrency: 2 })).toEqualTypeOf<
      Effect.Effect<Array<string>, DbError | InvalidOptionError | TaskNotRun, Db>
    >()
  })

  test("the task's item type is read from the items, and its index is a number", () => {
    pooled(["a", "b"], (item, index) => {
      expectTypeOf(item).toEqualTypeOf<string>()
      expectTypeOf(index).toEqualTypeOf<number>()
      return Effect.succeed(item.length)
    }, { concurrency: 2 })
  })
})

describe("pooled: collect", () => {
  test("data-first and data-last give a Settled, and only InvalidOptionError can fail the run", () => {
    type Expected = Effect.Effect<Settled<number, string, DbError>, InvalidOptionError, Db>
    expectTypeOf(pooled(ids, lookup, { concurrency: 2, mode: "collect" })).toEqualTypeOf<Expected>()
    expectTypeOf(pipe(idSet, pooled(lookup, { concurrency: 2, mode: "collect" }))).toEqualTypeOf<Expected>()
  })

  test("each result is the task's value or error, or TaskNotRun; errors keep the item and the task's error", () => {
    type Result = Settled<number, string, DbError>["results"][number]
    expectTypeOf<Result>().toEqualTypeOf<Either.Either<string, DbError | TaskNotRun>>()
    expectTypeOf<Settled<number, string, DbError>["errors"][number]["item"]>().toEqualTypeOf<number>()
    expectTypeOf<Settled<number, string, DbError>["errors"][number]["error"]>().toEqualTypeOf<DbError>()
  })
})

describe("pooled: a mode held in an ErrorMode variable", () => {
  test("data-first and data-last type-check, and the result is either shape", () => {
    type Expected = Effect.Effect<Array<string> | Settled<number, string, DbError>, DbError | InvalidOptionError, Db>
    expectTypeOf(pooled(ids, lookup, { concurrency: 2, mode })).toEqualTypeOf<Expected>()
    expectTypeOf(pipe(ids, pooled(lookup, { concurrency: 2, mode }))).toEqualTypeOf<Expected>()
  })
})

describe("pooled: a stop", () => {
  test("the signal's error and requirements join the run's; fail-fast also fails with TaskNotRun", () => {
    expectTypeOf(pooled(ids, lookup, { concurrency: 2, haltWhen: signal })).toEqualTypeOf<
      Effect.Effect<Array<string>, DbError | InvalidOptionError | TaskNotRun | SignalLost, Db | Clock2>
    >()
    expectTypeOf(pooled(ids, lookup, { concurrency: 2, mode: "collect", interruptWhen: signal })).toEqualTypeOf<
      Effect.Effect<Settled<number, string, DbError>, InvalidOptionError | SignalLost, Db | Clock2>
    >()
  })
})

describe("what does not type-check", () => {
  test("a missing limit, a misspelled option, a mode that does not exist, a task of the wrong item type", () => {
    // @ts-expect-error: concurrency is required
    pooled(ids, lookup, {})
    // @ts-expect-error: no such option
    pooled(ids, lookup, { concurrency: 2, concurency: 3 })
    // @ts-expect-error: no such mode
    pooled(ids, lookup, { concurrency: 2, mode: "settle" })
    // @ts-expect-error: the task takes numbers
    pooled(["a"], lookup, { concurrency: 2 })
    // @ts-expect-error: a stop is an Effect, not a Promise
    pooled(ids, lookup, { concurrency: 2, haltWhen: Promise.resolve() })
  })
})

describe("chunked and unbounded share the signature", () => {
  test("chunked takes chunkSize; unbounded takes no limit", () => {
    expectTypeOf(chunked(ids, lookup, { chunkSize: 2 })).toEqualTypeOf<
      Effect.Effect<Array<string>, DbError | InvalidOptionError, Db>
    >()
    expectTypeOf(unbounded(ids, lookup, { mode: "collect" })).toEqualTypeOf<
      Effect.Effect<Settled<number, string, DbError>, InvalidOptionError, Db>
    >()
    // @ts-expect-error: chunked has no concurrency
    chunked(ids, lookup, { concurrency: 2 })
  })
})

describe("withTaskTimeout, streams and strategies", () => {
  test("withTaskTimeout keeps the task's types and adds TaskTimeoutError and InvalidOptionError", () => {
    expectTypeOf(withTaskTimeout(lookup, "1 second")).toEqualTypeOf<
      Task<number, string, DbError | TaskTimeoutError | InvalidOptionError, Db>
    >()
    expectTypeOf(pipe(lookup, withTaskTimeout("1 second"))).toEqualTypeOf<
      Task<number, string, DbError | TaskTimeoutError | InvalidOptionError, Db>
    >()
  })

  test("over a Stream the result is a Stream: the input's error and requirements join the task's", () => {
    const input: Stream.Stream<number, SignalLost, Clock2> = Stream.empty
    type Expected = Stream.Stream<string, DbError | SignalLost | InvalidOptionError, Db | Clock2>
    expectTypeOf(pooled(input, lookup, { concurrency: 2 })).toEqualTypeOf<Expected>()
    expectTypeOf(pipe(input, pooled(lookup, { concurrency: 2, ordered: false }))).toEqualTypeOf<Expected>()
  })

  test("collect over a Stream emits each outcome: the value, or the failure with its item", () => {
    const input: Stream.Stream<number> = Stream.empty
    expectTypeOf(pooled(input, lookup, { concurrency: 2, mode: "collect" })).toEqualTypeOf<
      Stream.Stream<Either.Either<string, TaskFailure<number, DbError>>, InvalidOptionError, Db>
    >()
  })

  test("a strategy's run has the runners' face, the limit already chosen", () => {
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 2 })
      expectTypeOf(strategy.run(ids, lookup)).toEqualTypeOf<
        Effect.Effect<Array<string>, DbError | InvalidOptionError, Db>
      >()
      expectTypeOf(strategy.run(ids, lookup, { mode: "collect" })).toEqualTypeOf<
        Effect.Effect<Settled<number, string, DbError>, InvalidOptionError, Db>
      >()
      expectTypeOf(strategy.run(Stream.make(1), lookup, { ordered: false })).toEqualTypeOf<
        Stream.Stream<string, DbError | InvalidOptionError, Db>
      >()
    })
  })

  test("a live or adaptive limit as concurrency, and a rate, change nothing in the result's type", () => {
    Effect.gen(function* () {
      const live = yield* liveLimit(2)
      const found = yield* adaptive({ min: 1, max: 50 })
      type Expected = Effect.Effect<Array<string>, DbError | InvalidOptionError, Db>
      expectTypeOf(pooled(ids, lookup, { concurrency: live })).toEqualTypeOf<Expected>()
      expectTypeOf(pooled(ids, lookup, { concurrency: found, rate: "50/s" })).toEqualTypeOf<Expected>()
      expectTypeOf(pooled(ids, lookup, { concurrency: 2, rate: { limit: 5, interval: "1 second" } }))
        .toEqualTypeOf<Expected>()
      expectTypeOf(live.resize).returns.toEqualTypeOf<Effect.Effect<void, InvalidOptionError>>()
      // @ts-expect-error a rate is text or { limit, interval }, not a number
      pooled(ids, lookup, { concurrency: 2, rate: 50 })
      expectTypeOf(chunked(ids, lookup, { chunkSize: 2, rate: "50/s" })).toEqualTypeOf<Expected>()
      // @ts-expect-error a rate is text or { limit, interval }, not a number
      chunked(ids, lookup, { chunkSize: 2, rate: 50 })
      // @ts-expect-error unbounded has no limit for a rate to sit on
      unbounded(ids, lookup, { rate: "50/s" })
      // @ts-expect-error adaptive needs its max
      adaptive({ min: 1 })
    })
  })
})
