/**
 * Predicting a schedule: run your program in virtual time and record when
 * each of its tasks started and ended.
 *
 * @since 0.2.0
 */
import { Duration, Effect } from "effect"
import type { Task } from "../strategies/Strategy.ts"
import { makeRecorder, type Recorder } from "../timeline/Recorder.ts"
import type { Timeline } from "../timeline/Timeline.ts"
import { inVirtualTime, type VirtualTimeOptions } from "./virtualTime.ts"

/**
 * Wraps the parts of a program whose schedule you want to see. Each run of a
 * wrapped effect becomes one span of the timeline.
 *
 * @since 0.2.0
 * @category models
 */
export interface Probe {
  /**
   * A task for a runner (`pooled`, `Effect.forEach`, …), recorded under the
   * index the runner passes it: span `index` is the item's 0-based position in
   * the input. The default label is that position 1-based ("1", "2", …).
   */
  readonly task: <A, B, E, R>(
    task: Task<A, B, E, R>,
    label?: (item: A, index: number) => string,
  ) => Task<A, B, E, R>
  /**
   * Any function that returns an effect (a service method, a client call).
   * Its calls are numbered in the order they start running: span `index` is
   * 0-based, the default label 1-based. Give a `label` to find them by name.
   * Use one kind of wrapper per timeline, or the two numberings mix.
   */
  readonly calls: <Args extends ReadonlyArray<unknown>, A, E, R>(
    f: (...args: Args) => Effect.Effect<A, E, R>,
    label?: (...args: Args) => string,
  ) => (...args: Args) => Effect.Effect<A, E, R>
}

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

/**
 * Runs `program` in virtual time ({@link inVirtualTime}) and returns its result
 * with the schedule its probed tasks produced: every span (start, end, slot,
 * outcome), the makespan and the peak number in flight. Times are exact
 * milliseconds since the run began.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { predictTimeline, sleepFor } from "poolwise/testing"
 *
 * const [, timeline] = await Effect.runPromise(
 *   predictTimeline((probe) => Effect.forEach([100, 300, 200], probe.task(sleepFor), { concurrency: 2 }))
 * )
 * timeline.makespan // 300
 * timeline.peakInFlight // 2
 * ```
 *
 * @since 0.2.0
 * @category running
 */
export const predictTimeline = <A, E, R>(
  program: (probe: Probe) => Effect.Effect<A, E, R>,
  options?: VirtualTimeOptions,
): Effect.Effect<readonly [A, Timeline], E, R> =>
  inVirtualTime(
    Effect.flatMap(makeRecorder, (recorder) => Effect.zip(program(makeProbe(recorder)), recorder.timeline)),
    options,
  )

/**
 * A task that takes `ms` milliseconds of Effect's clock and returns `ms`: the
 * unit of every schedule example.
 *
 * @example
 * ```ts
 * import { pooled } from "poolwise"
 * import { predictTimeline, sleepFor } from "poolwise/testing"
 *
 * const prediction = predictTimeline((probe) => pooled([100, 300, 200], probe.task(sleepFor), { concurrency: 2 }))
 * ```
 *
 * @since 0.2.0
 * @category tasks
 */
export const sleepFor: Task<number, number, never, never> = (ms) => Effect.as(Effect.sleep(Duration.millis(ms)), ms)
