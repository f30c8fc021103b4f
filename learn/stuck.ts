/**
 * Runs a program that moves a TestClock itself (fork, adjust, poll) and tells
 * "finished" from "stuck": a program that sleeps on the TestClock in the very
 * fiber that should move it waits forever, and the learner should hear so at
 * once, not after a timeout.
 *
 * The program's fibers run on a scheduler of their own whose queue this
 * driver empties. `TestClock.adjust` waits on real 0 ms timers between its
 * steps; a timer of ours set after them fires after them. So when our timer
 * has fired and the queue is still empty, nothing of the program can ever run
 * again: it is stuck. No wall-clock limit is involved, however busy the
 * machine.
 */
import { Effect, type Exit, Fiber, FiberRef, Option, Scheduler } from "effect"

class DrivenScheduler implements Scheduler.Scheduler {
  private queue: Array<Scheduler.Task> = []
  private released = false

  scheduleTask(task: Scheduler.Task, priority: number): void {
    if (this.released) Scheduler.defaultScheduler.scheduleTask(task, priority)
    else this.queue.push(task)
  }

  shouldYield(fiber: Parameters<Scheduler.Scheduler["shouldYield"]>[0]): number | false {
    return fiber.currentOpCount > fiber.getFiberRef(FiberRef.currentMaxOpsBeforeYield)
      ? fiber.getFiberRef(FiberRef.currentSchedulingPriority)
      : false
  }

  get idle(): boolean {
    return this.queue.length === 0
  }

  /** Runs the queued work, and the work it queues, up to `budget` tasks. */
  drain(budget: number): void {
    let ran = 0
    while (this.queue.length > 0 && ran < budget) {
      const task = this.queue.shift()!
      task()
      ran++
    }
  }

  /** From now on the default scheduler runs the program's work (so it can be interrupted). */
  release(): void {
    this.released = true
    for (const task of this.queue.splice(0)) Scheduler.defaultScheduler.scheduleTask(task, 0)
  }
}

/** A real 0 ms timer: every 0 ms timer set before it fires first. */
const afterEarlierTimers = Effect.async<void>((resume) => {
  const timer = setTimeout(() => resume(Effect.void), 0)
  return Effect.sync(() => clearTimeout(timer))
})

/** The program's exit, or none when it got stuck (it is then interrupted). */
export const runUntilStuck = <A, E>(program: Effect.Effect<A, E>): Effect.Effect<Option.Option<Exit.Exit<A, E>>> =>
  Effect.gen(function* () {
    const scheduler = new DrivenScheduler()
    // The exit is kept from inside the driven region: what the fiber does after it runs elsewhere.
    let result: Option.Option<Exit.Exit<A, E>> = Option.none()
    const fiber = yield* Effect.fork(
      Effect.withScheduler(
        Effect.tap(Effect.exit(program), (exit) => Effect.sync(() => (result = Option.some(exit)))),
        scheduler,
      ),
    )
    while (Option.isNone(result)) {
      scheduler.drain(10_000)
      if (Option.isSome(result)) break
      if (!scheduler.idle) {
        yield* Effect.yieldNow()
        continue
      }
      yield* afterEarlierTimers
      if (scheduler.idle && Option.isNone(result)) {
        scheduler.release()
        yield* Fiber.interrupt(fiber)
        return Option.none()
      }
    }
    return result
  })
