import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream, Supervisor } from "effect"
import { pooled, pooledStrategy } from "poolwise"

/** Counts the fibers forked while an effect runs: the cost of a run, independent of the machine. */
class ForkCounter extends Supervisor.AbstractSupervisor<number> {
  forks = 0
  readonly value = Effect.sync(() => this.forks)
  override onStart() {
    this.forks++
  }
}

const withForkCount = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const counter = new ForkCounter()
    return Effect.map(Effect.supervised(effect, counter), (result) => [result, counter.forks] as const)
  })

const items = [1, 2, 3]
const double = (n: number) => Effect.succeed(n * 2)
function* generated() {
  yield* items
}

/** Every way to run the 3 items through the pool, at a given limit. */
const routes = {
  array: (limit: number) => pooled(items, double, { concurrency: limit }),
  iterable: (limit: number) => pooled(generated(), double, { concurrency: limit }),
  "async iterable": (limit: number) =>
    pooled(
      (async function* () {
        yield* items
      })(),
      double,
      { concurrency: limit },
    ),
  "strategy.run over a stream, as completed (the sync job's route)": (limit: number) =>
    Effect.flatMap(
      pooledStrategy({ concurrency: limit }),
      (strategy) =>
        Effect.map(Stream.runCollect(strategy.run(Stream.fromIterable(items), double, { ordered: false })), (out) =>
          Chunk.toArray(out).sort((a, b) => a - b)),
    ),
  stream: (limit: number) =>
    Effect.map(Stream.runCollect(pooled(Stream.fromIterable(items), double, { concurrency: limit })), Chunk.toArray),
}

const hugeLimits = [20_000, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER]

describe("any valid limit costs what the input does: no route starts more workers than it has items", () => {
  describe.each(Object.entries(routes))("%s", (_, run) => {
    // A limit of 4 is the most that 3 items can use: 3 workers, and over a
    // stream one more that pulls while they run and finds the end.
    it.effect.each(hugeLimits)(
      "a limit of %d over 3 items returns the 3 results, forking no more fibers than a limit of 4",
      (limit) =>
        Effect.gen(function* () {
          const [atInputSize, forksAtInputSize] = yield* withForkCount(run(4))
          const [atHugeLimit, forksAtHugeLimit] = yield* withForkCount(run(limit))
          expect(atHugeLimit).toEqual([2, 4, 6])
          expect(atInputSize).toEqual([2, 4, 6])
          expect(forksAtHugeLimit).toBe(forksAtInputSize)
        }),
    )
  })

  it.effect("over a long stream the crew still grows to the limit, and never past it", () =>
    Effect.gen(function* () {
      let inFlight = 0
      let peak = 0
      const task = (n: number) =>
        Effect.suspend(() => {
          peak = Math.max(peak, ++inFlight)
          return Effect.as(Effect.yieldNow(), n)
        }).pipe(Effect.ensuring(Effect.sync(() => inFlight--)))
      const strategy = yield* pooledStrategy({ concurrency: 7 })
      const total = yield* strategy.run(Stream.range(1, 2_000), task).pipe(Stream.runFold(0, (sum, n) => sum + n))
      expect(total).toBe((2_000 * 2_001) / 2)
      expect(peak).toBe(7)
    }))
})
