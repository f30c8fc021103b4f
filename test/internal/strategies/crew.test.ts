import { describe, expect, it } from "@effect/vitest"
import { Effect, FiberRef, type FiberRefs } from "effect"
import { makeCrew } from "../../../src/internal/strategies/crew.ts"

/** The deepest FiberRef stack of the running fiber. */
const deepestStack = Effect.map(Effect.getFiberRefs, (refs: FiberRefs.FiberRefs) => {
  let deepest = 0
  for (const stack of (refs as unknown as { locals: Map<unknown, ReadonlyArray<unknown>> }).locals.values()) {
    deepest = Math.max(deepest, stack.length)
  }
  return deepest
})

// A value each worker sets in its own fiber before it hires the next, as a worker that read the input does.
const lastSet = FiberRef.unsafeMake(0)

describe("a crew whose workers hire one another", () => {
  it.scoped(
    "worker 1,000, hired by worker 999, carries FiberRef stacks as shallow as worker 2's: every worker starts from the crew's fiber, not from the one that hired it",
    () =>
      Effect.gen(function* () {
        const crew = yield* makeCrew<never>()
        const depths: Array<number> = []
        const worker = (n: number): Effect.Effect<void> =>
          Effect.gen(function* () {
            yield* FiberRef.set(lastSet, n)
            depths.push(yield* deepestStack)
            if (n < 1_000) yield* crew.hire(worker(n + 1))
          })
        yield* crew.hire(worker(1))
        yield* crew.done
        expect(depths).toHaveLength(1_000)
        // Forked from one another, worker n carried n-deep stacks.
        expect(depths[999]).toBe(depths[1])
      }),
  )
})
