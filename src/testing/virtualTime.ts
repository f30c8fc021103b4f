/**
 * Running any effect in virtual time: on a fresh `TestClock` that is moved for
 * it, one sleep at a time, until the effect is done.
 *
 * @since 0.2.0
 */
import {
  Chunk,
  Data,
  Deferred,
  Duration,
  Effect,
  Fiber,
  Option,
  Order,
  Predicate,
  Ref,
  TestClock,
  TestContext,
} from "effect"
import { nextTurn, VirtualScheduler } from "../internal/testing/virtualScheduler.ts"

/**
 * @since 0.2.0
 * @category models
 */
export interface VirtualTimeOptions {
  /**
   * How far the virtual clock may go. An effect still running past it dies
   * with {@link VirtualTimeExceeded} instead of being driven forever.
   * Default: 1 day.
   */
  readonly horizon?: Duration.DurationInput | undefined
}

/**
 * The effect was still running when the virtual clock reached the horizon:
 * it never ends (a loop, a heartbeat), or it needs a larger `horizon`.
 *
 * @since 0.2.0
 * @category errors
 */
export class VirtualTimeExceeded extends Data.TaggedError("VirtualTimeExceeded")<{ readonly horizonMs: number }> {
  override get message(): string {
    return `Still running after ${this.horizonMs} ms of virtual time (the horizon): ` +
      `the effect may never end, or it needs a larger \`horizon\``
  }
}

/** Tasks run before the event loop gets a turn, so a program that never waits cannot freeze it. */
const DRAIN_BUDGET = 10_000
/** After this long (real time) with nothing to run and nothing asleep, say so once. */
const STALL_WARNING_MS = 5_000

const eventLoopTurn = Effect.async<void>((resume) => {
  nextTurn(() => resume(Effect.void))
})

const realTimer = (ms: number) =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), ms)
    return Effect.sync(() => clearTimeout(timer))
  })

/**
 * Runs the program's queued work until none is left and a turn of the event
 * loop (promise reactions) brings no more: every fiber of it is waiting.
 */
const settle = (scheduler: VirtualScheduler): Effect.Effect<void> =>
  Effect.suspend(() => {
    const drained = scheduler.drain(DRAIN_BUDGET)
    return Effect.flatMap(eventLoopTurn, () => drained && scheduler.idle ? Effect.void : settle(scheduler))
  })

type Woken = "woke" | "nothing asleep" | "past the horizon"

/**
 * What effect 3.22's TestClock keeps inside: its state (the time and the
 * sleepers) and the switch of its "not advancing the clock" warning. They are
 * there at run time but not in its types; without them the public API is used.
 */
interface TestClockState {
  readonly clockState: Ref.Ref<TestClock.Data>
  readonly warningDone: () => Effect.Effect<void>
}

const stateOf = (clock: TestClock.TestClock): TestClockState | undefined =>
  Predicate.hasProperty(clock, "clockState") && Ref.RefTypeId in (clock.clockState as object) &&
    Predicate.hasProperty(clock, "warningDone") && typeof clock.warningDone === "function"
    ? (clock as unknown as TestClockState)
    : undefined

const byEnd = Order.mapInput(Order.number, ([end]: readonly [number, unknown]) => end)

/**
 * Wakes the sleeper due first, as `TestClock.adjust` would (the same order,
 * ties included), without its waits on the event loop.
 */
const wakeNext = (clock: TestClock.TestClock, horizonMs: number): Effect.Effect<Woken> => {
  const state = stateOf(clock)
  if (state === undefined) {
    // Another TestClock: through its public API, all sleepers of the next instant at once.
    return Effect.flatMap(clock.sleeps, (sleeps) => {
      const next = Chunk.reduce(sleeps, Infinity, (min, end) => Math.min(min, end))
      if (next === Infinity) return Effect.succeed<Woken>("nothing asleep")
      return next > horizonMs ? Effect.succeed<Woken>("past the horizon") : Effect.as(clock.setTime(next), "woke")
    })
  }
  return Effect.flatMap(
    Ref.modify(state.clockState, (data): readonly [Woken | Deferred.Deferred<void>, TestClock.Data] => {
      const sorted = Chunk.sort(data.sleeps, byEnd)
      if (!Chunk.isNonEmpty(sorted)) return ["nothing asleep", data]
      const [end, deferred] = Chunk.headNonEmpty(sorted)
      if (end > horizonMs) return ["past the horizon", data]
      return [deferred, TestClock.makeData(end, Chunk.tailNonEmpty(sorted))]
    }),
    (next) => typeof next === "string" ? Effect.succeed(next) : Effect.as(Deferred.succeed(next, undefined), "woke"),
  )
}

/** Moves the clock one sleeper at a time, letting every fiber settle in between. */
const drive = <A, E, R>(effect: Effect.Effect<A, E, R>, horizonMs: number): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const scheduler = new VirtualScheduler()
    return Effect.gen(function* () {
      const clock = yield* TestClock.testClock()
      // Its "not advancing the test clock" warning is for tests that forget to; here the driver does it.
      yield* stateOf(clock)?.warningDone() ?? Effect.void
      const fiber = yield* Effect.fork(Effect.withScheduler(effect, scheduler))
      let stalledTurns = 0
      let stalledMs = 0
      while (true) {
        yield* settle(scheduler)
        const exit = yield* Fiber.poll(fiber)
        if (Option.isSome(exit)) return yield* exit.value
        const woken = yield* wakeNext(clock, horizonMs)
        if (woken === "past the horizon") return yield* Effect.die(new VirtualTimeExceeded({ horizonMs }))
        if (woken === "woke") {
          stalledTurns = stalledMs = 0
          continue
        }
        // Nothing asleep and nothing to run: the program waits on the outside world (a promise, a
        // socket) or is deadlocked. Give the world time, and say so if it takes long.
        const wait = Math.min(2 ** stalledTurns++, 50)
        yield* realTimer(wait)
        stalledMs += wait
        if (stalledMs >= STALL_WARNING_MS && stalledMs - wait < STALL_WARNING_MS) {
          yield* Effect.logWarning(
            "inVirtualTime: the effect is not done, none of its fibers can run and none sleeps on the TestClock; " +
              "it waits on something outside Effect's clock, or it is deadlocked",
          )
        }
      }
    }).pipe(Effect.ensuring(Effect.sync(() => scheduler.release())))
  })

/**
 * Runs `effect` on a fresh `TestClock` starting at 0 and moves that clock for
 * it until it is done: a run that "takes" 300 ms returns at once, and every
 * `Clock` reading inside it is exact. The caller's clock is untouched, live or
 * test, so this is safe in production code (a demo, a report) as well as in
 * `it.effect`.
 *
 * Two Effect 3.22 traps are handled here, once:
 *
 * - `Effect.provide(TestContext.TestContext)` leaves the TestClock installed in
 *   the fiber that ran it, and `Fiber.join` copies a child's clock into the
 *   joiner. So the run happens in its own fiber, which is awaited, not joined.
 * - `TestClock.adjust` does not wait for the fibers it wakes to reach their
 *   next sleep (it gives the event loop a few turns instead). So the run's
 *   fibers work through a queue of their own, and the clock wakes the next
 *   sleeper only once that queue is empty.
 *
 * Only waits on Effect's clock are virtual. A fiber that waits on a promise, a
 * socket or a real timer is waited for on the real event loop; its next sleep
 * starts when it comes back.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { inVirtualTime } from "poolwise/testing"
 *
 * const program = Effect.forEach([100, 300, 200], (ms) => Effect.sleep(ms), { concurrency: 2 })
 * const [elapsed] = await Effect.runPromise(inVirtualTime(Effect.timed(program)))
 * // elapsed: 300 millis, returned at once
 * ```
 *
 * @since 0.2.0
 * @category running
 */
export const inVirtualTime = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  options: VirtualTimeOptions = {},
): Effect.Effect<A, E, R> => {
  const horizonMs = Duration.toMillis(options.horizon ?? Duration.days(1))
  return Effect.flatMap(
    Effect.fork(Effect.provide(drive(effect, horizonMs), TestContext.TestContext)),
    (fiber) => Effect.flatten(Fiber.await(fiber)).pipe(Effect.onInterrupt(() => Fiber.interrupt(fiber))),
  )
}
