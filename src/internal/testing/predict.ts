/**
 * Predicting a schedule: run a program in virtual time with a probe that
 * records its tasks. See the public face (`src/testing/predict.ts`).
 *
 * @internal
 */
import { Duration, Effect } from "effect"
import type { Task } from "../../strategies/Runner.ts"
import type { Probe, VirtualTimeOptions } from "../../testing/models.ts"
import type { Recorder, Timeline } from "../../timeline/Timeline.ts"
import { makeRecorder } from "../timeline/recorder.ts"
import { inVirtualTime } from "./virtualTime.ts"

const makeProbe = (recorder: Recorder): Probe => {
  let started = 0
  return {
    task: (task, label) => recorder.record(task, label),
    calls: (f, label) => (...args) =>
      Effect.suspend(() => {
        const index = started++
        const name = label ? label(...args) : String(index + 1)
        const run = f(...args)
        return recorder.record(() => run, () => name)(undefined, index)
      }),
  }
}

export const predictTimeline = <A, E, R>(
  program: (probe: Probe) => Effect.Effect<A, E, R>,
  options?: VirtualTimeOptions,
): Effect.Effect<readonly [A, Timeline], E, R> =>
  inVirtualTime(
    Effect.flatMap(makeRecorder, (recorder) => Effect.zip(program(makeProbe(recorder)), recorder.timeline)),
    options,
  )

/** A task that sleeps its item, in ms of Effect's clock, and returns it. */
export const sleepFor: Task<number, number, never, never> = (ms) => Effect.as(Effect.sleep(Duration.millis(ms)), ms)
