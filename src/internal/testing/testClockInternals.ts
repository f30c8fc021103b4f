/**
 * The one place the kit reads `TestClock` beyond its public API.
 *
 * Why: `TestClock.adjust` and `setTime` wake every sleeper due by the new time
 * and then give the event loop a few real turns (`setTimeout(0)` each), per
 * sleeper, hoping the woken fibers reach their next sleep in the meantime.
 * That is slow and not always enough. The driver in `virtualTime.ts` instead
 * wakes one sleeper, runs every fiber until none can move (its own scheduler
 * tells it exactly when), and only then wakes the next. Waking one sleeper
 * without the waits needs the clock's state: effect 3.22's `TestClock` keeps
 * it in a private `clockState` ref (the time and the sleepers), and switches
 * its "not advancing the clock" warning off through a private `warningDone`.
 * Neither is in its types.
 *
 * When they are not there (another Effect version, another `TestClock`),
 * {@link internalsOf} returns `undefined` and the driver uses the public API
 * (`sleeps` and `setTime`): every sleeper due at the next instant at once,
 * with the clock's own waits. Schedules stay exact; runs are slower. A test
 * (test/internal/testing/testClockInternals.test.ts) pins that the pinned
 * Effect version has them, and that both paths give the same schedules.
 *
 * @internal
 */
import { Predicate, Ref, type TestClock } from "effect"

/** What effect 3.22's TestClock keeps inside: its state, and the switch of its warning. */
export interface TestClockInternals {
  readonly clockState: Ref.Ref<TestClock.Data>
  readonly warningDone: () => import("effect").Effect.Effect<void>
}

/** The clock's internals when it has them, else `undefined` (use the public API). */
export const internalsOf = (clock: TestClock.TestClock): TestClockInternals | undefined =>
  Predicate.hasProperty(clock, "clockState") && Predicate.hasProperty(clock.clockState, Ref.RefTypeId) &&
    Predicate.hasProperty(clock, "warningDone") && typeof clock.warningDone === "function"
    ? (clock as unknown as TestClockInternals)
    : undefined
