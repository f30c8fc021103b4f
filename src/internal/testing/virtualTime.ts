/**
 * Running any effect in virtual time: on a fresh `TestClock` that is moved for
 * it, one sleep at a time, until the effect is done. See the public face
 * (`src/testing/virtualTime.ts`) for what it promises.
 *
 * @internal
 */
import {
  Chunk,
  DefaultServices,
  Deferred,
  Duration,
  Effect,
  Either,
  Fiber,
  Layer,
  Option,
  Order,
  Ref,
  TestAnnotationMap,
  TestAnnotations,
  TestClock,
  TestLive,
} from "effect"
import type { VirtualTimeOptions } from "../../testing/models.ts"
import { finiteDuration } from "../options/rules.ts"
import { VirtualTimeExceeded } from "./errors.ts"
import { internalsOf } from "./testClockInternals.ts"
import { nextTurn, VirtualScheduler } from "./virtualScheduler.ts"

/** Tasks run before the event loop gets a turn, so a program that never waits cannot freeze it. */
const DRAIN_BUDGET = 10_000
/** After this long (real time) with nothing to run and nothing asleep, say so once. */
const STALL_WARNING_MS = 5_000
/**
 * Microtask hops given to promise reactions before the clock moves, for a
 * program that has only ever waited on Effect's clock (the hop that finds
 * its work queued ends the wait early, and from then on it gets whole turns).
 */
const MICROTASK_HOPS = 4
/**
 * Clock steps between whole turns of the event loop for such a program. A
 * turn per step cost about a third of a 200-task prediction in a browser
 * (one `MessageChannel` message per step) and in Node's wall time.
 */
const STEPS_PER_TURN = 32

const eventLoopTurn = (scheduler: VirtualScheduler) => scheduler.wait((done) => void nextTurn(done))

/** Lets pending promise reactions run: {@link MICROTASK_HOPS} hops, or until the program has work queued. */
const promiseReactions = (scheduler: VirtualScheduler) =>
  scheduler.wait((done) => {
    let hops = 0
    const hop = () => {
      if (++hops >= MICROTASK_HOPS || !scheduler.idle) done()
      else queueMicrotask(hop)
    }
    queueMicrotask(hop)
  })

const realTimer = (scheduler: VirtualScheduler, ms: number) =>
  scheduler.wait((done) => {
    const timer = setTimeout(done, ms)
    return () => clearTimeout(timer)
  })

/**
 * Runs the program's queued work until none is left and waiting brings no
 * more: every fiber of it is waiting. It waits on a whole turn of the event
 * loop when `turn` is set, when a drain ran out of budget (a program that
 * never waits cannot freeze the loop), and always once the program has been
 * woken from outside Effect (a promise, I/O): its next sleep may depend on
 * more than promise reactions. Otherwise it waits on promise reactions only.
 */
const settle = (scheduler: VirtualScheduler, turn: boolean): Effect.Effect<void> =>
  Effect.suspend(() => {
    const drained = scheduler.drain(DRAIN_BUDGET)
    const wait = drained && !turn && !scheduler.wokenFromOutside
      ? promiseReactions(scheduler)
      : eventLoopTurn(scheduler)
    return Effect.flatMap(wait, () => drained && scheduler.idle ? Effect.void : settle(scheduler, turn))
  })

/**
 * Runs `effect` on a fresh TestClock with the two services it needs (Live,
 * Annotations), over the live default services, as `TestContext.TestContext`
 * provides them, less its property-testing services (Sized, TestConfig).
 * Only the clock is built as a layer (it sets the fiber's clock for the
 * scope); the two services are plain values: building all four as layers
 * cost about 2 ms of CPU per run, a tenth of a 200-task prediction, and the
 * playground predicts twice per edit.
 */
const onFreshTestClock = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() =>
    Effect.scoped(Effect.flatMap(Layer.build(TestClock.defaultTestClock), (clock) => Effect.provide(effect, clock)))
      .pipe(
        Effect.provideService(TestLive.TestLive, TestLive.make(DefaultServices.liveServices)),
        Effect.provideService(
          TestAnnotations.TestAnnotations,
          TestAnnotations.make(Ref.unsafeMake(TestAnnotationMap.empty())),
        ),
      )
  )

type Woken = "woke" | "nothing asleep" | "past the horizon"

const byEnd = Order.mapInput(Order.number, ([end]: readonly [number, unknown]) => end)

/**
 * Wakes the sleeper due first, as `TestClock.adjust` would (the same order,
 * ties included), without its waits on the event loop.
 */
const wakeNext = (clock: TestClock.TestClock, horizonMs: number, useInternals: boolean): Effect.Effect<Woken> => {
  const state = useInternals ? internalsOf(clock) : undefined
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
const drive = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  horizonMs: number,
  useInternals: boolean,
): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const scheduler = new VirtualScheduler()
    return Effect.gen(function* () {
      const clock = yield* TestClock.testClock()
      // Its "not advancing the test clock" warning is for tests that forget to; here the driver does it.
      yield* internalsOf(clock)?.warningDone() ?? Effect.void
      const fiber = yield* Effect.withScheduler(Effect.fork(effect), scheduler)
      let stalledTurns = 0
      let stalledMs = 0
      let steps = 0
      while (true) {
        yield* settle(scheduler, steps++ % STEPS_PER_TURN === 0)
        const exit = yield* Fiber.poll(fiber)
        if (Option.isSome(exit)) return yield* exit.value
        const woken = yield* wakeNext(clock, horizonMs, useInternals)
        if (woken === "past the horizon") return yield* Effect.die(new VirtualTimeExceeded({ horizonMs }))
        if (woken === "woke") {
          stalledTurns = stalledMs = 0
          continue
        }
        // Nothing asleep and nothing to run: the program waits on the outside world (a promise, a
        // socket) or is deadlocked. Give the world time, and say so if it takes long.
        const wait = Math.min(2 ** stalledTurns++, 50)
        yield* realTimer(scheduler, wait)
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

/** Runs `effect` on a fresh TestClock from 0, driven one sleeper at a time until it is done. */
export const inVirtualTime = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  options: VirtualTimeOptions = {},
  /** Off: only TestClock's public API (what another Effect version gets). For the test that compares the two. */
  useInternals = true,
): Effect.Effect<A, E, R> => {
  // A test's own setting: a bad horizon is a defect naming it, like the horizon being passed.
  const horizon = finiteDuration("horizon", options.horizon ?? Duration.days(1))
  if (Either.isLeft(horizon)) return Effect.die(horizon.left)
  const horizonMs = Duration.toMillis(horizon.right)
  return Effect.flatMap(
    Effect.fork(onFreshTestClock(drive(effect, horizonMs, useInternals))),
    (fiber) => Effect.flatten(Fiber.await(fiber)).pipe(Effect.onInterrupt(() => Fiber.interrupt(fiber))),
  )
}
