import { describe, expect, it } from "@effect/vitest"
import { Clock, Deferred, Duration, Effect, Either, Fiber, Option, TestClock } from "effect"
import { chunked, pooled, successes, TaskNotRun } from "poolwise"
import { inVirtualTime } from "poolwise/testing"

/** What each item did, with virtual times: started, finished, interrupted. */
const makeLog = () => {
  const log = {
    started: [] as Array<[number, number]>,
    finished: [] as Array<[number, number]>,
    cut: [] as Array<[number, number]>,
  }
  const at = (into: Array<[number, number]>, index: number) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => into.push([index, now])))
  const task = (ms: number, index: number) =>
    at(log.started, index).pipe(
      Effect.zipRight(Effect.sleep(Duration.millis(ms))),
      Effect.zipRight(at(log.finished, index)),
      Effect.onInterrupt(() => at(log.cut, index)),
      Effect.as(ms),
    )
  return { log, task }
}

// Limit 2: items 0 and 1 start at 0; item 2 at 100; items 3 and 4 at 300.
const jobs = [100, 300, 200, 50, 80]
const notRunOf = (notRun: ReadonlyArray<TaskNotRun>) => notRun.map((n) => [n.index, n.reason, n.item])

/** Forks `run`, and reports the virtual time at which it ended. */
const endTime = <A, E>(run: Effect.Effect<A, E>) => inVirtualTime(Effect.zip(run, Clock.currentTimeMillis))

describe("a graceful stop: haltWhen lets running items finish, interruptWhen cuts them off", () => {
  it.effect("haltWhen at 150 ms: no item starts after it, items 1 and 2 finish at 300, items 3 and 4 are 'stopped'", () =>
    Effect.gen(function* () {
      const { log, task } = makeLog()
      const [settled, end] = yield* endTime(
        pooled(jobs, task, { concurrency: 2, mode: "collect", haltWhen: Effect.sleep("150 millis") }),
      )
      expect(end).toBe(300)
      expect(log.started.map(([i]) => i)).toEqual([0, 1, 2])
      expect(log.cut).toEqual([])
      expect(successes(settled)).toEqual([100, 300, 200])
      expect(notRunOf(settled.notRun)).toEqual([[3, "stopped", 50], [4, "stopped", 80]])
      expect(settled.results[3]).toEqual(Either.left(settled.notRun[0]))
      expect(settled.errors).toEqual([])
    }))

  it.effect("interruptWhen at 150 ms: the run returns at 150, items 1 and 2 are interrupted then, 3 and 4 never start", () =>
    Effect.gen(function* () {
      const { log, task } = makeLog()
      const [settled, end] = yield* endTime(
        pooled(jobs, task, { concurrency: 2, mode: "collect", interruptWhen: Effect.sleep("150 millis") }),
      )
      expect(end).toBe(150)
      expect(log.cut.sort()).toEqual([[1, 150], [2, 150]])
      expect(successes(settled)).toEqual([100])
      expect(notRunOf(settled.notRun)).toEqual([
        [1, "interrupted", 300],
        [2, "interrupted", 200],
        [3, "stopped", 50],
        [4, "stopped", 80],
      ])
      expect(settled.results).toHaveLength(jobs.length)
    }))

  it.effect("both: halt at 150, then interrupt at 250 what is still running", () =>
    Effect.gen(function* () {
      const { log, task } = makeLog()
      const [settled, end] = yield* endTime(
        pooled(jobs, task, {
          concurrency: 2,
          mode: "collect",
          haltWhen: Effect.sleep("150 millis"),
          interruptWhen: Effect.sleep("250 millis"),
        }),
      )
      expect(end).toBe(250)
      expect(log.cut.sort()).toEqual([[1, 250], [2, 250]])
      expect(notRunOf(settled.notRun).map(([i, reason]) => [i, reason])).toEqual([
        [1, "interrupted"],
        [2, "interrupted"],
        [3, "stopped"],
        [4, "stopped"],
      ])
    }))

  it.effect("stop from inside a task, like promise-pool's pool.stop(): a Deferred the task completes", () =>
    Effect.gen(function* () {
      const stop = yield* Deferred.make<void>()
      const { log, task } = makeLog()
      const stopAtTwo = (ms: number, index: number) =>
        index === 2 ? Effect.zipRight(Deferred.succeed(stop, undefined), task(ms, index)) : task(ms, index)
      const settled = yield* inVirtualTime(
        pooled(jobs, stopAtTwo, { concurrency: 2, mode: "collect", haltWhen: Deferred.await(stop) }),
      )
      expect(log.started.map(([i]) => i)).toEqual([0, 1, 2])
      expect(successes(settled)).toEqual([100, 300, 200])
      expect(settled.notRun.map((n) => n.index)).toEqual([3, 4])
    }))

  it.effect("a signal that never comes changes nothing: the run ends on its own, and the signal is interrupted", () =>
    Effect.gen(function* () {
      let signalInterrupted = false
      const { task } = makeLog()
      const signal = Effect.onInterrupt(Effect.never, () => Effect.sync(() => (signalInterrupted = true)))
      const [settled, end] = yield* endTime(pooled(jobs, task, { concurrency: 2, mode: "collect", haltWhen: signal }))
      expect(end).toBe(380)
      expect(successes(settled)).toEqual(jobs)
      expect(settled.notRun).toEqual([])
      expect(signalInterrupted).toBe(true)
    }))

  it.effect("fail-fast: a stopped run fails with the first item that did not run, after the running ones finish", () =>
    Effect.gen(function* () {
      const { log, task } = makeLog()
      const [error, end] = yield* endTime(
        Effect.flip(pooled(jobs, task, { concurrency: 2, haltWhen: Effect.sleep("150 millis") })),
      )
      expect(error).toBeInstanceOf(TaskNotRun)
      expect(error).toMatchObject({ index: 3, reason: "stopped" })
      expect(error.message).toBe("Item 3 was not run: the run was stopped before it started")
      expect(end).toBe(300)
      expect(log.finished.map(([i]) => i).sort()).toEqual([0, 1, 2])
    }))

  it.effect("a signal that fails fails the run with its error, as with Stream.haltWhen", () =>
    Effect.gen(function* () {
      const { task } = makeLog()
      const error = yield* inVirtualTime(
        Effect.flip(
          pooled(jobs, task, {
            concurrency: 2,
            mode: "collect",
            haltWhen: Effect.zipRight(Effect.sleep("50 millis"), Effect.fail("signal broke" as const)),
          }),
        ),
      )
      expect(error).toBe("signal broke")
    }))

  it.effect("over an iterable: items read are accounted for, items never read are not listed, the input is closed", () =>
    Effect.gen(function* () {
      let closed = false
      function* input() {
        try {
          yield* jobs
          for (;;) yield 1_000
        } finally {
          closed = true
        }
      }
      const { task } = makeLog()
      const settled = yield* inVirtualTime(
        pooled(input(), task, { concurrency: 2, mode: "collect", interruptWhen: Effect.sleep("150 millis") }),
      )
      expect(successes(settled)).toEqual([100])
      expect(notRunOf(settled.notRun)).toEqual([[1, "interrupted", 300], [2, "interrupted", 200]])
      expect(settled.results).toHaveLength(3)
      expect(closed).toBe(true)
    }))

  it.effect("chunked: the chunk under way finishes, and the next chunk is never read", () =>
    Effect.gen(function* () {
      const { log, task } = makeLog()
      const fiber = yield* Effect.fork(
        chunked(jobs, task, { chunkSize: 2, mode: "collect", haltWhen: Effect.sleep("50 millis") }),
      )
      yield* TestClock.adjust("299 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      const settled = yield* Fiber.join(fiber)
      expect(log.started.map(([i]) => i)).toEqual([0, 1])
      expect(successes(settled)).toEqual([100, 300])
      expect(settled.notRun.map((n) => [n.index, n.reason])).toEqual([[2, "stopped"], [3, "stopped"], [4, "stopped"]])
    }))
})
