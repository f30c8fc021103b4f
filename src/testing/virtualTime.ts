/**
 * Running any effect in virtual time: on a fresh `TestClock` that is moved for
 * it, one sleep at a time, until the effect is done.
 *
 * @since 0.2.0
 */
import { Chunk, Data, Duration, Effect, Fiber, Option, TestClock, TestContext } from "effect"
import { Activity, realTimer, settled } from "../internal/quiescence.ts"

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

/** After this long (real time) with nothing to run and nothing asleep, say so once. */
const STALL_WARNING_MS = 5_000

/**
 * Moves the clock to each pending sleep in turn, holding it until every fiber
 * of the run has settled, so that a fiber woken at t starts its next sleep at
 * t, however many event-loop turns it needs to get there.
 */
const drive = <A, E, R>(effect: Effect.Effect<A, E, R>, horizonMs: number): Effect.Effect<A, E, R> =>
  Effect.gen(function* () {
    const activity = new Activity()
    const fiber = yield* Effect.supervised(Effect.fork(effect), activity)
    let stalledTurns = 0
    let stalledMs = 0
    while (true) {
      yield* settled(activity)
      if (Option.isSome(yield* Fiber.poll(fiber))) return yield* Fiber.join(fiber)
      const next = Chunk.reduce(yield* TestClock.sleeps(), Infinity, (min, at) => Math.min(min, at))
      if (next === Infinity) {
        // Nothing asleep on the clock and nothing running: the run waits on the
        // outside world (a promise, a socket) or is deadlocked. Give the world time.
        const wait = Math.min(2 ** stalledTurns++, 50)
        yield* realTimer(wait)
        stalledMs += wait
        if (stalledMs >= STALL_WARNING_MS && stalledMs - wait < STALL_WARNING_MS) {
          yield* Effect.logWarning(
            "inVirtualTime: the effect is not done, none of its fibers can run and none sleeps on the TestClock; " +
              "it waits on something outside Effect's clock, or it is deadlocked",
          )
        }
        continue
      }
      stalledTurns = 0
      stalledMs = 0
      if (next > horizonMs) return yield* Effect.die(new VirtualTimeExceeded({ horizonMs }))
      yield* TestClock.setTime(next)
    }
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
 *   next sleep. So the clock is moved one pending sleep at a time, and only
 *   once every fiber of the run has settled.
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
