/**
 * A rate limit: at most `limit` starts per `interval`, spaced evenly, with an
 * optional `burst` of starts at once after a quiet spell. It limits when tasks
 * start, not how many run: a run puts it behind its concurrency limit (a task
 * takes a permit first, then waits for its start time), so both hold.
 *
 * The rule is the generic cell rate algorithm, a token bucket written as
 * arithmetic: start k may not come before `tat − (burst − 1) × interval/limit`,
 * where `tat` (the theoretical arrival time) moves on by `interval/limit` per
 * start. So:
 *
 * - with `burst: 1` (the default) no window of length `interval` ever holds
 *   more than `limit` starts, and starts are spaced by `interval/limit`;
 * - with `burst: b`, b tasks may start at once after a quiet spell, and a window
 *   of length `interval` holds at most `limit + b − 1` starts;
 * - start times are `tat` rounded up to the clock's next whole millisecond, and
 *   `tat` itself is kept exact (in units of 1/limit ms): 3/s starts at 0, 334,
 *   667, 1000 ms, never drifting.
 *
 * Waiting is first come, first served, and O(1) per start: waiters stand in a
 * line (waitLine.ts); only the head sleeps, until its start time. A head that
 * is interrupted while it sleeps hands its place to the next, which starts at
 * the same time: no token is spent on a task that never started, and nothing
 * starts later than it would have.
 *
 * Why not Effect's `RateLimiter` (effect/RateLimiter, token bucket and fixed
 * window; its behaviour is pinned in test/effect/rateLimiter.test.ts):
 *
 * - its token bucket refills one token every `Math.ceil(interval / limit)` ms,
 *   so 3/s runs at 0, 334, 668, 1002 ms (drifting 1 ms per token), and any rate
 *   above 1,000/s runs at 1,000/s: the ceiling of a fraction of a millisecond
 *   is 1 ms;
 * - its bucket starts full and refills up to `limit`, so the first interval
 *   sees up to `2 × limit − 1` starts: a supplier that counts "50 per second"
 *   refuses the overflow; the fixed window lets `2 × limit` through across a
 *   window's edge;
 * - it waits on Effect's `Semaphore`, which wakes every waiter on each refill:
 *   O(waiters) per start;
 * - it needs a `Scope` for its refill fiber, which a runner's caller would
 *   have to provide or the runner would have to hide.
 *
 * Where it fits is beside this, not under it: a `RateLimiter` the application
 * already shares between parts of itself can wrap the task (`limiter(task)`),
 * and this rate then spaces the run's own starts.
 *
 * @internal
 */
import { Clock, Duration, Effect } from "effect"
import type { InvalidOptionError } from "../options/rules.ts"
import { rateRule, type RateSpec } from "./rateText.ts"
import { makeWaitLine, type Waiter, type Work } from "./waitLine.ts"

export interface RateLimit {
  /** The rate it keeps, as checked. */
  readonly spec: RateSpec
  /** Runs `effect` at its start time: waits (interruptibly) in line for it, then starts. */
  readonly withToken: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** The line's work so far, and the sleeps its heads took: for counting tests. */
  readonly unsafeWork: () => Work & { readonly sleeps: number }
}

/**
 * A rate limit from `"50/s"`-style text or `{ limit, interval, burst? }`;
 * refuses anything else with the kit's message shape, naming `option`.
 */
export const makeRateLimit = (
  rate: unknown,
  option = "rate",
): Effect.Effect<RateLimit, InvalidOptionError> =>
  Effect.map(rateRule(option, rate), (spec) => {
    const n = spec.limit
    // Times are kept in units of 1/limit ms, from the first start: whole numbers
    // for a whole-millisecond interval, so the schedule never drifts.
    const spacing = Duration.toMillis(spec.interval)
    const tolerance = (spec.burst - 1) * spacing
    let origin: number | undefined
    let tat = 0
    let headTaken = false
    let sleeps = 0
    const line = makeWaitLine()

    const passHead = () => {
      if (!line.wakeNext()) headTaken = false
    }

    /** Waits to be the head of the line; `ticket.head` turns true the moment it is. */
    const becomeHead = (ticket: { head: boolean; waiter?: Waiter }): Effect.Effect<void> =>
      Effect.async<void>((resume) => {
        if (!headTaken) {
          headTaken = ticket.head = true
          resume(Effect.void)
          return
        }
        ticket.waiter = line.join(() => {
          ticket.head = true
          resume(Effect.void)
        })
      })

    /** An interrupted waiter leaves the line, or, if it was already made head, passes the place on. */
    const giveUp = (ticket: { head: boolean; waiter?: Waiter }) =>
      Effect.sync(() => {
        if (ticket.head) passHead()
        else if (ticket.waiter !== undefined) line.leave(ticket.waiter)
      })

    return {
      spec,
      withToken: (effect) =>
        Effect.uninterruptibleMask((restore) => {
          let slot = 0
          const waitForSlot = (arrived: number) =>
            Effect.flatMap(Clock.currentTimeMillis, (now) => {
              const elapsed = now - origin!
              // Ready since it arrived: a waiter behind others keeps its claim to the slots
              // that passed while the clock ticked in whole milliseconds.
              slot = Math.max(arrived, tat - tolerance)
              const startAt = Math.ceil(slot / n)
              if (startAt <= elapsed) {
                // Late (the runtime was busy): the schedule catches up by one millisecond at most.
                slot = Math.max(slot, (elapsed - 1) * n)
                return Effect.void
              }
              sleeps++
              // The start is the slot rounded up to a whole millisecond of the clock.
              return Effect.sleep(Duration.millis(startAt - elapsed))
            })
          const arrive = Effect.map(Clock.currentTimeMillis, (now) => (now - (origin ??= now)) * n)
          const ticket: { head: boolean; waiter?: Waiter } = { head: false }
          return Effect.zipRight(
            // Interrupted in line or while the head sleeps: nothing spent, the place passes on.
            Effect.onInterrupt(
              restore(Effect.flatMap(arrive, (arrived) => Effect.zipRight(becomeHead(ticket), waitForSlot(arrived)))),
              () => giveUp(ticket),
            ),
            // Uninterruptible from here to the task's start: the token is spent only on a start.
            Effect.suspend(() => {
              tat = Math.max(tat, slot) + spacing
              passHead()
              return restore(effect)
            }),
          )
        }),
      unsafeWork: () => ({ ...line.work(), sleeps }),
    }
  })

/** The most starts any window of `ms` holds, wherever it begins (`starts` sorted): a rate limit's accuracy. */
export const worstWindow = (starts: ReadonlyArray<number>, ms: number): number => {
  let worst = 0
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i]! - starts[j]! >= ms) j++
    worst = Math.max(worst, i - j + 1)
  }
  return worst
}
