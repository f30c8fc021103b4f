/**
 * Wraps tasks so that a run records its own schedule.
 *
 * Time comes from Effect's `Clock` (the one in place when the recorder is
 * made), so the same recorder gives exact virtual times under `TestClock` and
 * measured times live. Recording costs O(log slots) per task and O(tasks)
 * memory in all.
 *
 * @since 0.1.0
 */
import { Effect, Exit } from "effect"
import type { Task } from "../strategies/Strategy.ts"
import { makeFreeSlots } from "../internal/timeline/freeSlots.ts"
import { latestEnd } from "../internal/timeline/measure.ts"
import { makeSpanLog } from "../internal/timeline/spanLog.ts"
import type { Outcome, Timeline } from "./Timeline.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface Recorder {
  /** The same task, recording a {@link Span} each time it runs, labelled by `label` (default: the 1-based index). */
  readonly record: <A, B, E, R>(task: Task<A, B, E, R>, label?: (item: A, index: number) => string) => Task<A, B, E, R>
  /** How many recorded tasks are running right now. */
  readonly inFlight: Effect.Effect<number>
  /** The schedule so far. */
  readonly timeline: Effect.Effect<Timeline>
}

const outcomeOf = <A, E>(exit: Exit.Exit<A, E>): Outcome =>
  Exit.isSuccess(exit) ? "succeeded" : Exit.isInterrupted(exit) ? "interrupted" : "failed"

/**
 * A fresh recorder whose time 0 is now.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makeRecorder, pooled } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const recorder = yield* makeRecorder
 *   const task = recorder.record((ms: number) => Effect.sleep(ms), (ms) => `${ms}ms`)
 *   yield* pooled([100, 300, 200], task, { concurrency: 2 })
 *   return yield* recorder.timeline // makespan ≈ 300
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeRecorder: Effect.Effect<Recorder> = Effect.gen(function* () {
  // One clock for the origin and every start and end: TestClock under test.
  const clock = yield* Effect.clock
  const origin = clock.unsafeCurrentTimeMillis()
  const now = () => clock.unsafeCurrentTimeMillis() - origin
  // The whole state, changed in place: O(log slots) per start or end, O(tasks) in all.
  const slots = makeFreeSlots()
  const log = makeSpanLog()
  let peakInFlight = 0

  const record: Recorder["record"] = (task, label) => (item, index) =>
    // The start is logged inside the uninterruptible region, so a claimed slot
    // is always released and its span logged, whatever ends the task. (No
    // named closure per task: loaders that keep function names pay for each.)
    Effect.uninterruptibleMask((restore) => {
      // Built before the slot is claimed: a task that throws instead of
      // returning an effect claims nothing.
      const run = task(item, index)
      const slot = slots.claim()
      peakInFlight = Math.max(peakInFlight, slots.inUse())
      const position = log.start(index, slot, now())
      return Effect.flatMap(Effect.exit(restore(run)), (exit) => {
        slots.release(slot)
        log.end(position, now(), outcomeOf(exit), label?.(item, index))
        return exit
      })
    })

  return {
    record,
    inFlight: Effect.sync(() => slots.inUse()),
    timeline: Effect.sync((): Timeline => {
      const spans = log.finished()
      return { spans, makespan: latestEnd(spans), peakInFlight }
    }),
  }
})

/**
 * Runs `run` with a recorded version of `task` and returns its result together
 * with the schedule it produced.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { chunked, withTimeline } from "poolwise"
 *
 * const [values, timeline] = Effect.runSync(
 *   withTimeline((n: number) => Effect.succeed(n), (task) => chunked([1, 2, 3], task, { chunkSize: 2 }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const withTimeline = <A, B, E, R, Out, E2, R2>(
  task: Task<A, B, E, R>,
  run: (recorded: Task<A, B, E, R>) => Effect.Effect<Out, E2, R2>,
  label?: (item: A, index: number) => string,
): Effect.Effect<readonly [Out, Timeline], E2, R2> =>
  Effect.flatMap(makeRecorder, (recorder) => Effect.zip(run(recorder.record(task, label)), recorder.timeline))
