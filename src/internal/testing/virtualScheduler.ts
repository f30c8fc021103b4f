/**
 * A scheduler for a program run in virtual time: its fibers' work waits in a
 * queue until the driver runs it, so the driver knows exactly when every fiber
 * has nothing left to do but wait.
 *
 * `TestClock.adjust` is meant to let every fiber run until it suspends before
 * it moves the clock, but in effect 3.22 it cannot list the fibers, so it
 * yields to the event loop three times (`setTimeout(…, 0)`, at least 1 ms each
 * in Node) per sleep it wakes. That is slow, and not enough for a fiber that
 * needs more turns (a long chain of fibers, a stream, the runtime's own
 * fallback to timers): it starts its next sleep after the clock has moved on.
 * Here the driver runs the queue until it is empty, which is both exact and
 * fast.
 *
 * @internal
 */
import { Effect, type Fiber, FiberRef, Scheduler } from "effect"

/**
 * A next turn from a `MessageChannel`: a browser has no `setImmediate`, and
 * its `setTimeout(f, 0)` waits at least 4 ms once timers nest, which made a
 * 200-task prediction take seconds there instead of milliseconds. One channel,
 * its callbacks in order; the port is unref'd where that exists, so it never
 * keeps a process alive.
 */
export const messageChannelTurn = (): (f: () => void) => void => {
  let channel: InstanceType<typeof MessageChannel> | undefined
  const queue: Array<() => void> = []
  return (f) => {
    if (channel === undefined) {
      channel = new MessageChannel()
      // The browser's `onmessage` (Node's types only know its EventEmitter face); setting it starts the port.
      const port = channel.port1 as unknown as { onmessage: (() => void) | null; unref?: () => void }
      port.onmessage = () => queue.shift()?.()
      port.unref?.()
    }
    queue.push(f)
    channel.port2.postMessage(undefined)
  }
}

/**
 * Runs `f` on the next turn of the event loop, after every pending promise
 * reaction: `setImmediate` on Node and Deno, a `MessageChannel` in a browser,
 * a timer where neither exists.
 */
export const nextTurn: (f: () => void) => unknown = typeof setImmediate === "function"
  ? (f) => setImmediate(f)
  : typeof MessageChannel === "function"
  ? messageChannelTurn()
  : (f) => setTimeout(f, 0)

export class VirtualScheduler implements Scheduler.Scheduler {
  private queue: Array<Scheduler.Task> = []
  private released = false
  private waiting = false
  private outside = false

  scheduleTask(task: Scheduler.Task, priority: number, fiber?: Fiber.RuntimeFiber<unknown, unknown>): void {
    if (this.released) return Scheduler.defaultScheduler.scheduleTask(task, priority, fiber)
    // The driver runs the program's work and wakes its sleepers itself: anything queued while it waits came
    // from outside Effect (a promise, a timer, I/O).
    if (this.waiting) this.outside = true
    this.queue.push(task)
  }

  /**
   * The driver waiting (for promise reactions, a turn of the event loop, the
   * outside world): `register` gets the callback that ends the wait, and may
   * return what cancels it.
   */
  wait(register: (done: () => void) => (() => void) | void): Effect.Effect<void> {
    return Effect.async<void>((resume) => {
      this.waiting = true
      const cancel = register(() => {
        this.waiting = false
        resume(Effect.void)
      })
      return Effect.sync(() => {
        this.waiting = false
        cancel?.()
      })
    })
  }

  /** Whether work was ever queued from outside Effect while the driver waited (see {@link wait}). */
  get wokenFromOutside(): boolean {
    return this.outside
  }

  shouldYield(fiber: Fiber.RuntimeFiber<unknown, unknown>): number | false {
    return fiber.currentOpCount > fiber.getFiberRef(FiberRef.currentMaxOpsBeforeYield)
      ? fiber.getFiberRef(FiberRef.currentSchedulingPriority)
      : false
  }

  /** Whether no work is waiting to run. */
  get idle(): boolean {
    return this.queue.length === 0
  }

  /**
   * Runs the queued work, and the work it queues, until none is left (true)
   * or `budget` tasks have run (false: the caller gives the event loop a turn
   * and comes back).
   */
  drain(budget: number): boolean {
    let ran = 0
    while (this.queue.length > 0) {
      const batch = this.queue
      this.queue = []
      for (let i = 0; i < batch.length; i++) {
        batch[i]!()
        if (++ran >= budget && i + 1 < batch.length) {
          this.queue = batch.slice(i + 1).concat(this.queue)
          return false
        }
      }
      if (ran >= budget) return this.queue.length === 0
    }
    return true
  }

  /** From now on the runtime's default scheduler runs this program's work, queued work first. */
  release(): void {
    this.released = true
    const queued = this.queue
    this.queue = []
    for (const task of queued) Scheduler.defaultScheduler.scheduleTask(task, 0)
  }
}
