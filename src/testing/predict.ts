/**
 * Predicting a schedule: run your program in virtual time and record when
 * each of its tasks started and ended.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import * as internal from "../internal/testing/predict.ts"
import type { Task } from "../strategies/Runner.ts"
import type { Timeline } from "../timeline/Timeline.ts"
import type { Probe, VirtualTimeOptions } from "./models.ts"

/**
 * Runs `program` in virtual time (`inVirtualTime`) and returns its result
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
 * @since 0.1.0
 * @category running
 */
export const predictTimeline: <A, E, R>(
  program: (probe: Probe) => Effect.Effect<A, E, R>,
  options?: VirtualTimeOptions,
) => Effect.Effect<readonly [A, Timeline], E, R> = internal.predictTimeline

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
 * @since 0.1.0
 * @category tasks
 */
export const sleepFor: Task<number, number, never, never> = internal.sleepFor
