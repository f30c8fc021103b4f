/**
 * Running any effect in virtual time: on a fresh `TestClock` that is moved for
 * it, one sleep at a time, until the effect is done.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import * as errors from "../internal/testing/errors.ts"
import * as internal from "../internal/testing/virtualTime.ts"
import type { VirtualTimeOptions } from "./models.ts"

/**
 * The effect was still running when the virtual clock reached the horizon:
 * it never ends (a loop, a heartbeat), or it needs a larger `horizon`.
 *
 * @since 0.1.0
 * @category errors
 */
export const VirtualTimeExceeded: typeof errors.VirtualTimeExceeded = errors.VirtualTimeExceeded

/**
 * @since 0.1.0
 * @category errors
 */
export type VirtualTimeExceeded = errors.VirtualTimeExceeded

/**
 * Runs `effect` on a fresh `TestClock` starting at 0 and moves that clock for
 * it until it is done: a run that "takes" 300 ms returns at once, and every
 * `Clock` reading inside it is exact. The caller's clock is untouched, live or
 * test.
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
 * starts when it comes back. Between two clock steps the driver lets promise
 * reactions run (a few microtask hops) and gives the event loop a whole turn
 * every 32 steps; once the program has been woken from outside Effect (a
 * promise, a timer, I/O), a whole turn before every step. A program that only
 * computes and sleeps on the clock thus skips most turns: a `MessageChannel`
 * message each in a browser, where they were a third of a 200-task prediction.
 *
 * How it wakes one sleeper at a time relies on two private fields of effect
 * 3.22's `TestClock` (its state and its warning switch), read in one function
 * and pinned by a test against the Effect version this package depends on.
 * With a `TestClock` that lacks them it falls back to the public API: the
 * same exact schedules, more slowly. It is meant for tests, demos and
 * predictions; production code has no reason to run in virtual time.
 *
 * A `horizon` that is not a finite duration ≥ 0 is a defect naming it, as
 * passing the horizon is (`VirtualTimeExceeded`).
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
 * @since 0.1.0
 * @category running
 */
export const inVirtualTime: <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  options?: VirtualTimeOptions,
) => Effect.Effect<A, E, R> = (effect, options) => internal.inVirtualTime(effect, options)
