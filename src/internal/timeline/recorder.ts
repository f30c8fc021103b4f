/**
 * The recorder: each task's start and end read from Effect's `Clock` (the one
 * in place when the recorder is made), its slot the lowest one free. The
 * whole state is changed in place: O(log slots) per start or end, O(tasks)
 * memory in all.
 *
 * @internal
 */
import { Effect, Exit } from "effect"
import type { Task } from "../../strategies/Runner.ts"
import type { Outcome, Recorder, Timeline } from "../../timeline/Timeline.ts"
import { carryCheck } from "../strategies/taskCheck.ts"
import { makeFreeSlots } from "./freeSlots.ts"
import { latestEnd } from "./measure.ts"
import { makeSpanLog } from "./spanLog.ts"

const outcomeOf = <A, E>(exit: Exit.Exit<A, E>): Outcome =>
  Exit.isSuccess(exit) ? "succeeded" : Exit.isInterrupted(exit) ? "interrupted" : "failed"

export const makeRecorder: Effect.Effect<Recorder> = Effect.gen(function* () {
  // One clock for the origin and every start and end: TestClock under test.
  const clock = yield* Effect.clock
  const origin = clock.unsafeCurrentTimeMillis()
  const now = () => clock.unsafeCurrentTimeMillis() - origin
  const slots = makeFreeSlots()
  const log = makeSpanLog()
  let peakInFlight = 0

  const record: Recorder["record"] = <A, B, E, R>(task: Task<A, B, E, R>, label?: (item: A, index: number) => string) =>
    // The task's own option check (withTaskTimeout's) travels with the recorded task.
    carryCheck(task, (item: A, index: number) =>
      // The start is logged inside the uninterruptible region, so a claimed slot
      // is always released and its span logged, whatever ends the task.
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
      }))

  return {
    record,
    inFlight: Effect.sync(() => slots.inUse()),
    timeline: Effect.sync((): Timeline => {
      const spans = log.finished()
      return { spans, makespan: latestEnd(spans), peakInFlight }
    }),
  }
})

export const withTimeline = <A, B, E, R, Out, E2, R2>(
  task: Task<A, B, E, R>,
  run: (recorded: Task<A, B, E, R>) => Effect.Effect<Out, E2, R2>,
  label?: (item: A, index: number) => string,
): Effect.Effect<readonly [Out, Timeline], E2, R2> =>
  Effect.flatMap(makeRecorder, (recorder) => Effect.zip(run(recorder.record(task, label)), recorder.timeline))
