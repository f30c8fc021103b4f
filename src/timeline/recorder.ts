/**
 * Recording a run's schedule.
 *
 * Time comes from Effect's `Clock` (the one in place when the recorder is
 * made), so the same recorder gives exact virtual times under `TestClock` and
 * measured times live. Recording costs O(log slots) per task and O(tasks)
 * memory in all.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import * as internal from "../internal/timeline/recorder.ts"
import type { Task } from "../strategies/Runner.ts"
import type { Recorder, Timeline } from "./Timeline.ts"

/**
 * A fresh recorder whose time 0 is now.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { pooled } from "poolwise"
 * import { makeRecorder } from "poolwise/timeline"
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
export const makeRecorder: Effect.Effect<Recorder> = internal.makeRecorder

/**
 * Runs `run` with a recorded version of `task` and returns its result together
 * with the schedule it produced.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { chunked } from "poolwise"
 * import { withTimeline } from "poolwise/timeline"
 *
 * const [values, timeline] = Effect.runSync(
 *   withTimeline((n: number) => Effect.succeed(n), (task) => chunked([1, 2, 3], task, { chunkSize: 2 }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const withTimeline: <A, B, E, R, Out, E2, R2>(
  task: Task<A, B, E, R>,
  run: (recorded: Task<A, B, E, R>) => Effect.Effect<Out, E2, R2>,
  label?: (item: A, index: number) => string,
) => Effect.Effect<readonly [Out, Timeline], E2, R2> = internal.withTimeline
