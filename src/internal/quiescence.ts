/**
 * Knowing when a program has nothing left to do but wait.
 *
 * `TestClock.adjust` is meant to let every fiber of a test run until it
 * suspends before it moves the clock, but in effect 3.22 it cannot list those
 * fibers, so it only yields to the event loop a few times. A fiber that needs
 * more turns than that (a long chain of fibers, a stream, a scheduler that has
 * fallen back to timers) starts its next sleep after the clock has already
 * moved on, and the schedule comes out wrong. A supervisor sees every fiber of
 * the program start, resume, suspend and end, so the clock can be held until
 * none of them is running.
 *
 * @internal
 */
import { Effect, type Fiber, Supervisor } from "effect"

/** Counts what the supervised fibers do. */
export class Activity extends Supervisor.AbstractSupervisor<void> {
  readonly value = Effect.void
  /** Bumped on every start, resume, suspend and end. */
  events = 0
  private readonly running = new Set<Fiber.RuntimeFiber<unknown, unknown>>()

  override onStart() {
    this.events++
  }
  override onResume<A, E>(fiber: Fiber.RuntimeFiber<A, E>) {
    this.events++
    this.running.add(fiber)
  }
  override onSuspend<A, E>(fiber: Fiber.RuntimeFiber<A, E>) {
    this.events++
    this.running.delete(fiber)
  }
  override onEnd<A, E>(_exit: unknown, fiber: Fiber.RuntimeFiber<A, E>) {
    this.events++
    this.running.delete(fiber)
  }

  /** How many supervised fibers are running right now. */
  get runningCount(): number {
    return this.running.size
  }
}

/**
 * Waits `ms` on the real event loop. `setTimeout` (not `setImmediate`): the
 * fiber scheduler falls back to `setTimeout(…, 0)` after long microtask runs,
 * and timers of the same delay fire in the order they were set, so one turn
 * of this runs every fiber that was already scheduled.
 */
export const realTimer = (ms: number): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), ms)
    return Effect.sync(() => clearTimeout(timer))
  })

/**
 * Waits until no supervised fiber is running and a whole event-loop turn has
 * passed without any of them doing anything: every fiber of the program is
 * suspended (on the clock, on another fiber, or on the outside world) or done.
 */
export const settled = (activity: Activity): Effect.Effect<void> =>
  Effect.suspend(() => {
    const before = activity.events
    return Effect.flatMap(
      realTimer(0),
      () => activity.events === before && activity.runningCount === 0 ? Effect.void : settled(activity),
    )
  })
