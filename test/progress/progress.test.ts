import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Metric, Stream, TestClock } from "effect"
import { makeProgress, pooled, ProgressMetrics, TaskTimeoutError, withTaskTimeout } from "poolwise"
import { inVirtualTime, sleepFor } from "poolwise/testing"

describe("progress: started, finished, failed and in-flight counts as a stream and as metrics", () => {
  it.effect("mid-run, in-flight equals the limit and percent counts finished tasks only", () =>
    Effect.gen(function* () {
      const progress = yield* makeProgress(4)
      const fiber = yield* Effect.fork(pooled([100, 300, 200, 50], progress.track(sleepFor), { concurrency: 2 }))
      yield* TestClock.adjust("150 millis")
      expect(yield* progress.snapshot).toEqual({
        total: 4,
        started: 3,
        succeeded: 1,
        failed: 0,
        inFlight: 2,
        finished: 1,
        percent: 25,
      })
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      expect((yield* progress.snapshot).percent).toBe(100)
    }))

  it.effect("counts failures as finished, and the change stream ends at 100%", () =>
    Effect.gen(function* () {
      const progress = yield* makeProgress(3)
      const seen = yield* Effect.fork(
        progress.changes.pipe(Stream.takeUntil((p) => p.percent === 100), Stream.runCollect),
      )
      const task = (n: number) => n === 2 ? Effect.fail("two") : Effect.succeed(n)
      yield* pooled([1, 2, 3], progress.track(task), { concurrency: 1, mode: "collect" })
      const snapshots = Chunk.toReadonlyArray(yield* Fiber.join(seen))
      const last = snapshots[snapshots.length - 1]!
      expect(last).toMatchObject({ succeeded: 2, failed: 1, inFlight: 0, percent: 100 })
      expect(snapshots.every((p) => p.inFlight <= 1)).toBe(true)
    }))

  it.effect("updates the poolwise_tasks_* metrics", () =>
    Effect.gen(function* () {
      const before = (yield* Metric.value(ProgressMetrics.started)).count
      const progress = yield* makeProgress(2)
      yield* pooled([1, 2], progress.track(Effect.succeed), { concurrency: 2 })
      expect((yield* Metric.value(ProgressMetrics.started)).count - before).toBe(2)
      expect((yield* Metric.value(ProgressMetrics.inFlight)).value).toBe(0)
    }))
})

describe("withTaskTimeout: a per-task time limit as a typed failure naming the item", () => {
  it.effect("fails only the slow item, at exactly its limit, and frees its slot for the next one", () =>
    Effect.gen(function* () {
      const settled = yield* inVirtualTime(
        pooled([100, 5_000, 200], withTaskTimeout(sleepFor, "1 second"), { concurrency: 2, mode: "collect" }),
      )
      expect(settled.errors).toHaveLength(1)
      const { error, index } = settled.errors[0]!
      expect(index).toBe(1)
      expect(error).toBeInstanceOf(TaskTimeoutError)
      expect(error.message).toBe("Task 1 (5000) timed out after 1s")
    }))

  it.effect("in fail-fast mode a timeout stops the run like any failure", () =>
    Effect.gen(function* () {
      const error = yield* inVirtualTime(
        Effect.flip(pooled([2_000, 100], withTaskTimeout("1 second")(sleepFor), { concurrency: 2 })),
      )
      expect(error).toMatchObject({ _tag: "TaskTimeoutError", index: 0, item: 2_000 })
    }))
})
