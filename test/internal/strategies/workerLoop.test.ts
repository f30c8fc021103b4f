import { describe, expect, it } from "@effect/vitest"
import { Cause, Chunk, Clock, Deferred, Duration, Effect, Exit, Fiber, Option, Ref, Stream, TestClock } from "effect"
import { pooled } from "poolwise"
import { startsByIndex } from "poolwise/timeline"
import { workerLoop } from "../../../src/internal/strategies/workerLoop.ts"
import { workerStream } from "../../../src/internal/strategies/workerStream.ts"
import { greedyStarts, inVirtualTime, predictTimeline, sleepFor } from "poolwise/testing"

/** What each item did: started, finished, or was interrupted while running. */
interface Log {
  readonly started: Array<number>
  readonly finished: Array<number>
  readonly interrupted: Array<number>
}

const makeLog = Effect.sync((): Log => ({ started: [], finished: [], interrupted: [] }))

/** Sleeps `ms` then succeeds with `ms`; negative `ms` fails with its index after `-ms`. */
const logged = (log: Log) => (ms: number, index: number) =>
  Effect.suspend(() => {
    log.started.push(index)
    return Effect.sleep(Duration.millis(Math.abs(ms))).pipe(
      Effect.zipRight(ms < 0 ? Effect.fail(`item ${index} failed`) : Effect.succeed(ms)),
      Effect.tap(() => Effect.sync(() => log.finished.push(index))),
      Effect.onInterrupt(() => Effect.sync(() => log.interrupted.push(index))),
    )
  })

describe("workerLoop, the engine under pooled", () => {
  it.effect("empty input: succeeds with [] and runs nothing", () =>
    Effect.gen(function* () {
      const ran = yield* Ref.make(0)
      expect(yield* workerLoop([], () => Ref.update(ran, (n) => n + 1), 4)).toEqual([])
      expect(yield* pooled([], () => Ref.update(ran, (n) => n + 1), { concurrency: 4 })).toEqual([])
      expect(yield* Ref.get(ran)).toBe(0)
    }))

  it.effect("a limit above n starts every item at t=0, and still returns results in input order", () =>
    Effect.gen(function* () {
      const durations = [30, 10, 20]
      const [results, timeline] = yield* predictTimeline((probe) => workerLoop(durations, probe.task(sleepFor), 100))
      expect(results).toEqual(durations)
      expect(startsByIndex(timeline)).toEqual([0, 0, 0])
      expect(timeline.peakInFlight).toBe(3)
      expect(timeline.makespan).toBe(30)
    }))

  it.effect("a limit of 1 runs items one after another, in input order", () =>
    Effect.gen(function* () {
      const durations = [30, 10, 20]
      const [results, timeline] = yield* predictTimeline((probe) => workerLoop(durations, probe.task(sleepFor), 1))
      expect(results).toEqual(durations)
      expect(startsByIndex(timeline)).toEqual([0, 30, 40])
    }))

  it.effect("starts each item when a greedy list scheduler would, on a longer mixed workload", () =>
    Effect.gen(function* () {
      const durations = Array.from({ length: 60 }, (_, i) => 1 + ((i * 37) % 23))
      const [, timeline] = yield* predictTimeline((probe) => workerLoop(durations, probe.task(sleepFor), 7))
      expect(startsByIndex(timeline)).toEqual(greedyStarts(durations, 7))
      expect(timeline.peakInFlight).toBe(7)
    }))

  it.effect("a failure interrupts the running workers at once, and unstarted items never start", () =>
    Effect.gen(function* () {
      const log = yield* makeLog
      // limit 3: items 0..2 start; item 1 fails at t=10 while 0 and 2 still run.
      const fiber = yield* Effect.fork(workerLoop([1_000, -10, 1_000, 5, 5, 5], logged(log), 3))
      yield* TestClock.adjust("10 millis")
      const exit = yield* Fiber.await(fiber)
      // The cause also lists the interrupted siblings, as Effect.forEach's does.
      expect(Exit.isFailure(exit) && Cause.failureOption(exit.cause)).toEqual(Option.some("item 1 failed"))
      expect(log.started).toEqual([0, 1, 2])
      expect(log.interrupted.sort()).toEqual([0, 2])
      expect(log.finished).toEqual([])
    }))

  it.effect("two failures at the same instant: one error, and no worker takes another item", () =>
    Effect.gen(function* () {
      const log = yield* makeLog
      const error = yield* inVirtualTime(Effect.flip(workerLoop([-10, -10, 10, 10, 10], logged(log), 2)))
      expect(error).toMatch(/^item [01] failed$/)
      expect(log.started).toEqual([0, 1])
    }))

  it.effect("a worker woken in the same tick as a failing sibling does not start the next item", () =>
    Effect.gen(function* () {
      const gates = yield* Effect.forEach([0, 1, 2], () => Deferred.make<number, string>())
      const started: Array<number> = []
      const task = (gate: Deferred.Deferred<number, string>, index: number) =>
        Effect.suspend(() => {
          started.push(index)
          return Deferred.await(gate)
        })
      const fiber = yield* Effect.fork(workerLoop(gates, task, 2))
      for (let i = 0; i < 100 && started.length < 2; i++) yield* Effect.yieldNow()
      expect(started).toEqual([0, 1])
      // In one synchronous step item 1 fails, then item 0 succeeds: both
      // workers are queued to resume, the failing one first.
      yield* Effect.sync(() => {
        Deferred.unsafeDone(gates[1]!, Exit.fail("item 1 failed"))
        Deferred.unsafeDone(gates[0]!, Exit.succeed(0))
      })
      expect(yield* Effect.flip(Fiber.join(fiber))).toBe("item 1 failed")
      expect(started).toEqual([0, 1])
    }))

  it.effect("a defect in one task interrupts the other workers too", () =>
    Effect.gen(function* () {
      const log = yield* makeLog
      const task = (ms: number, index: number) => ms === 0 ? Effect.die("bug") : logged(log)(ms, index)
      const fiber = yield* Effect.fork(workerLoop([1_000, 1_000, 0, 5], task, 3))
      yield* TestClock.adjust("1 millis")
      const exit = yield* Fiber.await(fiber)
      expect(Exit.isFailure(exit) && Cause.dieOption(exit.cause)).toEqual(Option.some("bug"))
      expect(log.interrupted.sort()).toEqual([0, 1])
      expect(log.started).toEqual([0, 1])
    }))

  it.effect("interrupting the run from outside stops every worker: running tasks end, no new task starts", () =>
    Effect.gen(function* () {
      const log = yield* makeLog
      const fiber = yield* Effect.fork(workerLoop([100, 200, 300, 400, 500], logged(log), 2))
      yield* TestClock.adjust("150 millis") // item 0 done at 100; items 1 and 2 running
      expect(log.started).toEqual([0, 1, 2])
      yield* Fiber.interrupt(fiber)
      expect(log.interrupted.sort()).toEqual([1, 2])
      yield* TestClock.adjust("1 day")
      expect(log.started).toEqual([0, 1, 2])
      expect(log.finished).toEqual([0])
    }))

  it.effect("100,000 synchronous tasks: no stack overflow, results in order, never more than the limit at once", () =>
    Effect.gen(function* () {
      let inFlight = 0
      let peak = 0
      const task = (n: number) =>
        Effect.suspend(() => {
          inFlight++
          peak = Math.max(peak, inFlight)
          inFlight--
          return Effect.succeed(n * 2)
        })
      const items = Array.from({ length: 100_000 }, (_, i) => i)
      const results = yield* workerLoop(items, task, 10)
      expect(results.length).toBe(items.length)
      expect(results.every((value, i) => value === i * 2)).toBe(true)
      expect(peak).toBeLessThanOrEqual(10)
    }))

  it.effect("a synchronous run does not starve other fibers: the runtime still makes workers yield", () =>
    Effect.gen(function* () {
      let ticks = 0
      const ticker = yield* Effect.fork(Effect.forever(Effect.zipRight(Effect.sync(() => ticks++), Effect.yieldNow())))
      const items = Array.from({ length: 50_000 }, (_, i) => i)
      yield* workerLoop(items, (n) => Effect.succeed(n), 4)
      yield* Fiber.interrupt(ticker)
      expect(ticks).toBeGreaterThan(1)
    }))

  it.effect("runs promise-returning tasks with real concurrency bounded by the limit", () =>
    Effect.gen(function* () {
      let inFlight = 0
      let peak = 0
      let started = 0
      const items = Array.from({ length: 40 }, (_, i) => i)
      // No timers: the promises in flight resolve together once every worker
      // holds one (or nothing is left to start). A task counts as in flight
      // until its fiber resumes, so a runner that started more than 4 would
      // start them before anything resumed, and the peak would show it.
      const waiting: Array<() => void> = []
      const task = (n: number) =>
        Effect.promise(() =>
          new Promise<number>((resolve) => {
            started++
            peak = Math.max(peak, ++inFlight)
            waiting.push(() => resolve(n))
            if (inFlight === 4 || started === items.length) waiting.splice(0).forEach((release) => release())
          })
        ).pipe(Effect.ensuring(Effect.sync(() => inFlight--)))
      expect(yield* workerLoop(items, task, 4)).toEqual(items)
      expect(peak).toBe(4)
    }))
})

describe("workerStream, pooled over a stream", () => {
  const sleepsOver = (durations: ReadonlyArray<number>, chunkSize: number) =>
    Stream.fromIterable(durations.map((ms, index) => ({ ms, index }))).pipe(Stream.rechunk(chunkSize))

  it.effect("an empty stream ends at once and runs nothing", () =>
    Effect.gen(function* () {
      let ran = 0
      const out = yield* Stream.runCollect(
        workerStream(() => Effect.sync(() => ran++), 3)(Stream.empty),
      )
      expect(Chunk.toReadonlyArray(out)).toEqual([])
      expect(ran).toBe(0)
    }))

  it.effect("a freed worker takes the next item at once, across chunk boundaries: greedy start times", () =>
    Effect.gen(function* () {
      const durations = [50, 10, 30, 25, 40, 10, 60, 5]
      const starts: Array<number> = []
      const task = ({ index, ms }: { index: number; ms: number }) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          starts[index] = now
          return Effect.as(Effect.sleep(Duration.millis(ms)), index)
        })
      const out = yield* inVirtualTime(Stream.runCollect(workerStream(task, 3)(sleepsOver(durations, 2))))
      expect(starts).toEqual(greedyStarts(durations, 3))
      // Emitted as each ends, not in input order.
      expect(Chunk.toReadonlyArray(out)).toEqual([1, 2, 3, 5, 0, 7, 4, 6])
    }))

  it.effect("a failing task interrupts the running ones and fails the stream; later items never start", () =>
    Effect.gen(function* () {
      const log = yield* makeLog
      const items = Stream.fromIterable([1_000, -10, 1_000, 5, 5])
      const task = (ms: number) => logged(log)(ms, log.started.length)
      const error = yield* inVirtualTime(Effect.flip(Stream.runDrain(workerStream(task, 3)(items))))
      expect(error).toBe("item 1 failed")
      expect(log.started).toEqual([0, 1, 2])
      expect(log.interrupted.sort()).toEqual([0, 2])
    }))

  it.effect("a failing input lets the running tasks finish and emit, then fails with the input's error", () =>
    Effect.gen(function* () {
      const log = yield* makeLog
      const items = Stream.concat(Stream.make(30, 10), Stream.fail("input broke"))
      const task = (ms: number) => logged(log)(ms, log.started.length)
      const exit = yield* inVirtualTime(Effect.exit(Stream.runCollect(workerStream(task, 2)(items))))
      expect(exit).toEqual(Exit.fail("input broke"))
      expect(log.finished.sort()).toEqual([0, 1])
      expect(log.interrupted).toEqual([])
    }))

  it.effect("taking only the first results interrupts every worker still running", () =>
    Effect.gen(function* () {
      const log = yield* makeLog
      const task = (ms: number) => logged(log)(ms, log.started.length)
      const out = yield* inVirtualTime(
        Stream.runCollect(Stream.take(workerStream(task, 3)(Stream.make(10, 100, 200, 300, 400)), 1)),
      )
      expect(Chunk.toReadonlyArray(out)).toEqual([10])
      expect(log.interrupted.length).toBeGreaterThan(0)
      yield* TestClock.adjust("1 day")
      expect(log.finished).toEqual([0])
    }))

  it.effect("100,000 synchronous items through a stream: every result arrives", () =>
    Effect.gen(function* () {
      const total = yield* Stream.range(1, 100_000).pipe(
        workerStream((n: number) => Effect.succeed(n), 10),
        Stream.runFold(0, (sum, n) => sum + n),
      )
      expect(total).toBe((100_000 * 100_001) / 2)
    }))
})
