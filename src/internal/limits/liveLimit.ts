/**
 * A live limit: a first-come gate whose size can change while tasks run and
 * others wait — `resize(n)`, `pause`, `resume` — with the current limit
 * readable and observable.
 *
 * The semantics, each proven under TestClock (test/internal/limits/liveLimit.test.ts):
 *
 * - raising the limit starts waiters at once, in the order they arrived;
 * - lowering it interrupts nothing: running tasks finish, and no waiter starts
 *   until fewer than the new limit are in flight;
 * - pausing starts nothing until `resume`; running tasks go on;
 * - an interrupted waiter leaves the line, and a permit handed to a waiter
 *   that is interrupted before it runs passes on to the next: none leaks.
 *
 * Costs: O(1) per item and per change, plus O(1) per waiter a change lets
 * in. Unlike Effect 3's `Semaphore` (whose `resize` and every release wake
 * every waiter to race for the permits), a change or a release here wakes
 * exactly the waiters it admits, from the head of a line (waitLine.ts), so n
 * waiters cost O(n) in all, not O(n²). Built beside `internal/gate.ts` (the
 * fixed-size gate with the same hand-over fix) rather than on it: a gate that
 * can shrink must count holders against a limit that moves, which the fixed
 * gate's free-permit counter cannot express.
 *
 * A limit is a whole number ≥ 1; a limit of 0 is not a pause in disguise
 * (the kit refuses 0 everywhere): use `pause`.
 *
 * @internal
 */
import { Effect, Stream, Subscribable, SubscriptionRef } from "effect"
import { type InvalidOptionError, positiveInteger } from "../options/rules.ts"
import { makeWaitLine, type Waiter, type Work } from "./waitLine.ts"

/** Marks a live limit, so a runner tells it from a number or an adaptive limit. */
export const LiveLimitTypeId: unique symbol = Symbol.for("poolwise/LiveLimit")

/** What a live limit holds right now. */
export interface LiveLimitState {
  readonly limit: number
  readonly paused: boolean
  /** Tasks holding a permit. May exceed `limit` just after the limit was lowered. */
  readonly inFlight: number
  /** Tasks waiting for a permit. */
  readonly waiting: number
}

export interface LiveLimit {
  readonly [LiveLimitTypeId]: typeof LiveLimitTypeId
  /** Runs `effect` holding one permit: waits in line (interruptibly) for it, gives it back on any exit. */
  readonly withPermit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Sets the limit to `n` (a whole number ≥ 1); refuses anything else, changing nothing. */
  readonly resize: (n: number) => Effect.Effect<void, InvalidOptionError>
  /** From now on no waiter starts, until `resume`. Running tasks go on. */
  readonly pause: Effect.Effect<void>
  /** Starts waiters again, up to the limit. */
  readonly resume: Effect.Effect<void>
  /** The limit: `get` reads it, `changes` streams it (the current value first, then every change). */
  readonly limit: Subscribable.Subscribable<number>
  /** Whether it is paused, read and streamed the same way. */
  readonly paused: Subscribable.Subscribable<boolean>
  /** Everything at once, synchronously: for progress lines and tests. */
  readonly unsafeState: () => LiveLimitState
  /** The line's work so far (waiters woken, skipped, slots copied): for counting tests. */
  readonly unsafeWork: () => Work
}

/** Whether `value` is a live limit (made by {@link makeLiveLimit}). */
export const isLiveLimit = (value: unknown): value is LiveLimit =>
  typeof value === "object" && value !== null && LiveLimitTypeId in value

/**
 * A live limit starting at `initial` (a whole number ≥ 1). `option` names
 * the option in a refusal ("concurrency" by default).
 */
export const makeLiveLimit = (
  initial: number,
  option = "concurrency",
): Effect.Effect<LiveLimit, InvalidOptionError> =>
  Effect.gen(function* () {
    const first = yield* positiveInteger(option, initial)
    const limitRef = yield* SubscriptionRef.make(first)
    const pausedRef = yield* SubscriptionRef.make(false)
    const line = makeWaitLine()
    let limit = first
    let paused = false
    let inFlight = 0

    /** Lets waiters in while there is room: O(1) per waiter admitted. */
    const admit = () => {
      while (!paused && inFlight < limit) {
        inFlight++
        if (!line.wakeNext()) {
          inFlight--
          return
        }
      }
    }

    const release = () => {
      inFlight--
      admit()
    }

    /**
     * Waits for a permit. `ticket.held` turns true the moment the permit is
     * counted for this waiter, so whoever stops the wait (an interruption while
     * in line, or one that lands after the hand-over but before the fiber ran
     * on) knows whether there is a permit to give back.
     */
    const acquire = (ticket: { held: boolean; waiter?: Waiter }): Effect.Effect<void> =>
      Effect.async<void>((resume) => {
        if (!paused && inFlight < limit && line.size() === 0) {
          inFlight++
          ticket.held = true
          resume(Effect.void)
          return
        }
        ticket.waiter = line.join(() => {
          ticket.held = true
          resume(Effect.void)
        })
      })

    const giveUp = (ticket: { held: boolean; waiter?: Waiter }) =>
      Effect.sync(() => {
        if (ticket.held) release()
        else if (ticket.waiter !== undefined) line.leave(ticket.waiter)
      })

    // The published values are read under each ref's own lock, so concurrent
    // changes publish in the order they took effect and the last one wins.
    const publish = Effect.zipRight(
      SubscriptionRef.updateEffect(limitRef, () => Effect.sync(() => limit)),
      SubscriptionRef.updateEffect(pausedRef, () => Effect.sync(() => paused)),
    )

    const distinct = <A>(ref: SubscriptionRef.SubscriptionRef<A>): Subscribable.Subscribable<A> =>
      Subscribable.make({ get: SubscriptionRef.get(ref), changes: Stream.changes(ref.changes) })

    const live: LiveLimit = {
      [LiveLimitTypeId]: LiveLimitTypeId,
      withPermit: (effect) =>
        Effect.uninterruptibleMask((restore) => {
          const ticket: { held: boolean; waiter?: Waiter } = { held: false }
          return Effect.zipRight(
            Effect.onInterrupt(restore(acquire(ticket)), () => giveUp(ticket)),
            Effect.ensuring(restore(effect), Effect.sync(release)),
          )
        }),
      resize: (n) =>
        Effect.flatMap(positiveInteger(option, n), (next) =>
          Effect.suspend(() => {
            limit = next
            admit()
            return publish
          })),
      pause: Effect.suspend(() => {
        paused = true
        return publish
      }),
      resume: Effect.suspend(() => {
        paused = false
        admit()
        return publish
      }),
      limit: distinct(limitRef),
      paused: distinct(pausedRef),
      unsafeState: () => ({ limit, paused, inFlight, waiting: line.size() }),
      unsafeWork: line.work,
    }
    return live
  })
