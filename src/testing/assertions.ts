/**
 * Assertions about a schedule. Each one is an Effect that fails with a
 * {@link ScheduleMismatch} naming what differed, with the schedule drawn as a
 * chart, so they read the same in `@effect/vitest`'s `it.effect` as in any
 * other runner, and need no test framework at run time.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import * as internal from "../internal/testing/assertions.ts"
import * as errors from "../internal/testing/errors.ts"
import type { Timeline } from "../timeline/Timeline.ts"
import type { VirtualTimeOptions } from "./models.ts"

/**
 * A schedule differed from the one expected.
 *
 * @since 0.1.0
 * @category errors
 */
export const ScheduleMismatch: typeof errors.ScheduleMismatch = errors.ScheduleMismatch

/**
 * @since 0.1.0
 * @category errors
 */
export type ScheduleMismatch = errors.ScheduleMismatch

/**
 * Start times by label, for assertions such as "fetch c started at 100". A
 * label used by several spans keeps its earliest start.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { predictTimeline, startsByLabel } from "poolwise/testing"
 *
 * const [, timeline] = await Effect.runPromise(
 *   predictTimeline((probe) => Effect.forEach([100, 300, 200], probe.task((ms) => Effect.sleep(ms), (ms) => `${ms} ms`), { concurrency: 2 }))
 * )
 * startsByLabel(timeline) // { "100 ms": 0, "300 ms": 0, "200 ms": 100 }
 * ```
 *
 * @since 0.1.0
 * @category getters
 */
export const startsByLabel: (timeline: Timeline) => Record<string, number> = internal.startsByLabel

/**
 * The run ended (its last span ended) exactly `ms` after it began.
 *
 * @since 0.1.0
 * @category assertions
 */
export const assertMakespan: {
  (ms: number): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (timeline: Timeline, ms: number): Effect.Effect<void, ScheduleMismatch>
} = internal.assertMakespan

/**
 * At most `n` tasks were ever in flight at once, and at some moment exactly `n`.
 *
 * @since 0.1.0
 * @category assertions
 */
export const assertPeakInFlight: {
  (n: number): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (timeline: Timeline, n: number): Effect.Effect<void, ScheduleMismatch>
} = internal.assertPeakInFlight

/**
 * Every task started when `expected` says, and no other task ran. An array
 * lists start times by the span's 0-based `index` (a runner's input
 * position); a record lists them by label.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { blogWorkload, findUserWithDelay } from "poolwise/fixtures"
 * import { assertStarts, predictTimeline } from "poolwise/testing"
 *
 * const program = Effect.gen(function* () {
 *   const [, timeline] = yield* predictTimeline((probe) =>
 *     Effect.forEach(blogWorkload, probe.task(findUserWithDelay), { concurrency: 2 })
 *   )
 *   yield* assertStarts(timeline, [0, 0, 100]) // items 0 and 1 at once, item 2 when item 0 ends
 * })
 * ```
 *
 * @since 0.1.0
 * @category assertions
 */
export const assertStarts: {
  (
    expected: ReadonlyArray<number> | Readonly<Record<string, number>>,
  ): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (
    timeline: Timeline,
    expected: ReadonlyArray<number> | Readonly<Record<string, number>>,
  ): Effect.Effect<void, ScheduleMismatch>
} = internal.assertStarts

/**
 * Runs `effect` in virtual time ({@link inVirtualTime}) and checks the
 * strongest form of a timing claim: not done at `ms − 1`, done at `ms`. Succeeds
 * with the effect's value, so the test can go on to check what it returned.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { assertDoneAt } from "poolwise/testing"
 *
 * // Sequential by default, unlike Promise.all: 100 + 300 + 200 ms.
 * const check = assertDoneAt(Effect.forEach([100, 300, 200], (ms) => Effect.sleep(ms)), 600)
 * ```
 *
 * @since 0.1.0
 * @category assertions
 */
export const assertDoneAt: {
  (ms: number, options?: VirtualTimeOptions): <A, E, R>(
    effect: Effect.Effect<A, E, R>,
  ) => Effect.Effect<A, E | ScheduleMismatch, R>
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    ms: number,
    options?: VirtualTimeOptions,
  ): Effect.Effect<A, E | ScheduleMismatch, R>
} = internal.assertDoneAt
