/**
 * The live limit: a first-come gate whose size changes while tasks wait.
 * Every schedule here is exact, in virtual time: tasks ask at once (an
 * unbounded run), the live limit is the only thing that holds them back, and
 * a second fiber changes it at a given moment.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Exit, Fiber, Option, Stream } from "effect"
import {
  assertMakespan,
  assertPeakInFlight,
  assertStarts,
  predictTimeline,
  type Probe,
  sleepFor,
} from "poolwise/testing"
import { type LiveLimit, makeLiveLimit } from "../../../src/internal/limits/liveLimit.ts"

/** Every duration in its own fiber at t = 0, each through `live`; `change` runs beside them. */
const underLiveLimit = (
  durations: ReadonlyArray<number>,
  initial: number,
  change: (live: LiveLimit) => Effect.Effect<unknown, unknown>,
) =>
  predictTimeline((probe: Probe) =>
    Effect.gen(function* () {
      const live = yield* makeLiveLimit(initial)
      const changing = yield* Effect.fork(change(live))
      yield* Effect.forEach(durations, (ms, i) => live.withPermit(probe.task(sleepFor)(ms, i)), {
        concurrency: "unbounded",
        discard: true,
      })
      yield* Fiber.join(changing)
      return live.unsafeState()
    })
  )

const yields = (n: number) => Effect.forEach(Array.from({ length: n }), () => Effect.yieldNow(), { discard: true })

const at = (ms: number, effect: Effect.Effect<unknown, unknown>) => Effect.zipRight(Effect.sleep(ms), effect)

describe("a live limit changes while tasks wait", () => {
  it.effect("raising it starts waiters at once: 2 → 4 at 50 ms starts tasks 3 and 4 at 50 ms", () =>
    Effect.gen(function* () {
      const [state, timeline] = yield* underLiveLimit(
        [100, 100, 100, 100, 100, 100],
        2,
        (live) => at(50, live.resize(4)),
      )
      yield* assertStarts(timeline, [0, 0, 50, 50, 100, 100])
      yield* assertMakespan(timeline, 200)
      yield* assertPeakInFlight(timeline, 4)
      expect(state).toEqual({ limit: 4, paused: false, inFlight: 0, waiting: 0 })
    }))

  it.effect("lowering it lets running tasks finish and starts none until fewer than the new limit run: 4 → 2 at 50 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* underLiveLimit(
        [100, 200, 300, 400, 100, 100, 100, 100],
        4,
        (live) => at(50, live.resize(2)),
      )
      // At 100 and 200 ms three, then two, still run: nothing starts. At 300 ms one runs: task 5 starts.
      yield* assertStarts(timeline, [0, 0, 0, 0, 300, 400, 400, 500])
      yield* assertMakespan(timeline, 600)
      expect(timeline.spans.every((span) => span.outcome === "succeeded")).toBe(true)
    }))

  it.effect("pausing starts nothing until resumed; a resize while paused takes effect at the resume", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* underLiveLimit(
        [100, 100, 100, 100, 100],
        2,
        (live) =>
          Effect.all([at(50, live.pause), at(150, live.resize(3)), at(250, live.resume)], { concurrency: "unbounded" }),
      )
      // Tasks 1 and 2 finish at 100 ms; nothing starts until 250 ms, then 3 at once.
      yield* assertStarts(timeline, [0, 0, 250, 250, 250])
      yield* assertMakespan(timeline, 350)
    }))

  it.effect("the limit is observable: `get` reads it, `changes` streams the current value, then each change", () =>
    Effect.gen(function* () {
      const live = yield* makeLiveLimit(2)
      const seen = yield* Effect.fork(Stream.runCollect(Stream.take(live.limit.changes, 3)))
      const pauses = yield* Effect.fork(Stream.runCollect(Stream.take(live.paused.changes, 3)))
      yield* yields(20) // both subscribed
      yield* live.resize(5)
      yield* live.pause
      yield* live.resize(3)
      yield* live.resume
      expect(Chunk.toArray(yield* Fiber.join(seen))).toEqual([2, 5, 3])
      expect(Chunk.toArray(yield* Fiber.join(pauses))).toEqual([false, true, false])
      expect(yield* live.limit.get).toBe(3)
    }))

  it.effect("a limit that is not a whole number ≥ 1 is refused, at creation and at resize, and a refused resize changes nothing", () =>
    Effect.gen(function* () {
      const created = yield* Effect.flip(makeLiveLimit(0))
      expect(created.message).toBe(`Invalid option "concurrency": expected a whole number ≥ 1, got 0`)
      const live = yield* makeLiveLimit(2)
      for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
        const refused = yield* Effect.flip(live.resize(bad))
        expect(refused._tag).toBe("InvalidOptionError")
      }
      expect(yield* live.limit.get).toBe(2)
    }))
})

describe("a live limit never leaks a permit", () => {
  it.effect("an interrupted waiter leaves the line: the next one starts when the permit frees", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* predictTimeline((probe) =>
        Effect.gen(function* () {
          const live = yield* makeLiveLimit(1)
          const run = (i: number) => live.withPermit(probe.task(sleepFor)(100, i))
          const first = yield* Effect.fork(run(0))
          yield* Effect.yieldNow()
          const leaving = yield* Effect.fork(run(1))
          const last = yield* Effect.fork(run(2))
          yield* Effect.sleep(50)
          yield* Fiber.interrupt(leaving)
          yield* Fiber.join(first)
          yield* Fiber.join(last)
          expect(live.unsafeState()).toEqual({ limit: 1, paused: false, inFlight: 0, waiting: 0 })
        })
      )
      yield* assertStarts(timeline, [0, undefined as unknown as number, 100])
    }))

  it.effect("a waiter interrupted just as a permit is handed to it passes the permit on, in every interleaving", () =>
    Effect.gen(function* () {
      // The holder's release (or a raise) hands the permit to `waiter`; an interrupt
      // reaches it k scheduler turns later. For every k the gate must end whole.
      const leaked: Array<string> = []
      for (const handOver of ["release", "raise", "resume"] as const) {
        for (let k = 0; k <= 6; k++) {
          const live = yield* makeLiveLimit(1)
          const go = yield* Deferred.make<void>()
          const holder = yield* Effect.fork(live.withPermit(Deferred.await(go)))
          yield* Effect.yieldNow()
          if (handOver === "resume") yield* live.pause
          const waiter = yield* Effect.fork(live.withPermit(Effect.never))
          yield* Effect.yieldNow()
          if (handOver === "release") yield* Deferred.succeed(go, undefined)
          if (handOver === "raise") yield* live.resize(2)
          if (handOver === "resume") {
            yield* Deferred.succeed(go, undefined)
            yield* Fiber.join(holder)
            yield* live.resume
          }
          yield* yields(k)
          yield* Fiber.interrupt(waiter)
          yield* Deferred.succeed(go, undefined)
          yield* Fiber.join(holder)
          yield* yields(10)
          // Whole again: nothing in flight, and as many run at once as the limit says.
          const state = live.unsafeState()
          const after = yield* Effect.fork(live.withPermit(Effect.succeed("after")))
          yield* yields(10)
          const done = yield* Fiber.poll(after)
          if (state.inFlight !== 0 || Option.isNone(done) || !Exit.isSuccess(done.value)) {
            leaked.push(`${handOver} k=${k} inFlight=${state.inFlight}`)
            yield* Fiber.interrupt(after)
          }
        }
      }
      expect(leaked, "interleavings with a leaked permit").toEqual([])
    }))

  it.effect("a failed or interrupted holder gives its permit back", () =>
    Effect.gen(function* () {
      const live = yield* makeLiveLimit(1)
      yield* Effect.flip(live.withPermit(Effect.fail("boom")))
      const holder = yield* Effect.fork(live.withPermit(Effect.never))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(holder)
      expect(yield* live.withPermit(Effect.succeed("free"))).toBe("free")
      expect(live.unsafeState().inFlight).toBe(0)
    }))
})

describe("a live limit costs O(1) per item and per change, counted at 10× and 100× the size", () => {
  /**
   * `n` tasks wait while the limit is paused; 100 changes come while they wait
   * (lowering, raising, pausing), a third of the waiters are interrupted, then
   * the rest run. Returns the line's work: waiters woken, skipped, slots copied.
   */
  const churn = (n: number) =>
    Effect.gen(function* () {
      const live = yield* makeLiveLimit(10)
      yield* live.pause
      const fibers = yield* Effect.forEach(
        Array.from({ length: n }),
        () => Effect.fork(live.withPermit(Effect.yieldNow())),
      )
      yield* Effect.yieldNow()
      const beforeChanges = live.unsafeWork()
      for (let i = 0; i < 100; i++) yield* live.resize(1 + (i % 7))
      const afterChanges = live.unsafeWork()
      yield* Effect.forEach(fibers.filter((_, i) => i % 3 === 0), Fiber.interrupt, { discard: true })
      yield* live.resize(10)
      yield* live.resume
      yield* Effect.forEach(fibers, Fiber.await, { discard: true })
      return { beforeChanges, afterChanges, work: live.unsafeWork(), state: live.unsafeState() }
    })

  it.effect.each([100, 1_000, 10_000])(
    "%d waiters: each is woken once or skipped once, changes while paused wake none, compaction copies ≤ n slots",
    (n) =>
      Effect.gen(function* () {
        const { afterChanges, beforeChanges, state, work } = yield* churn(n)
        const interrupted = Math.ceil(n / 3)
        expect(afterChanges).toEqual(beforeChanges) // 100 changes while paused: no work at all
        expect(work.woken).toBe(n - interrupted)
        expect(work.skipped).toBe(interrupted)
        expect(work.copied).toBeLessThanOrEqual(n)
        expect(state).toEqual({ limit: 10, paused: false, inFlight: 0, waiting: 0 })
      }),
  )

  it.effect("raising the limit by 5 with 3,000 waiting wakes exactly 5 of them", () =>
    Effect.gen(function* () {
      const live = yield* makeLiveLimit(1)
      const gate = yield* Deferred.make<void>()
      const fibers = yield* Effect.forEach(
        Array.from({ length: 3_000 }),
        () => Effect.fork(live.withPermit(Deferred.await(gate))),
      )
      yield* Effect.yieldNow()
      const before = live.unsafeWork().woken
      yield* live.resize(6)
      expect(live.unsafeWork().woken - before).toBe(5)
      expect(live.unsafeState()).toMatchObject({ inFlight: 6, waiting: 2_994 })
      yield* Deferred.succeed(gate, undefined)
      yield* Effect.forEach(fibers, Fiber.join, { discard: true })
    }))
})
