/**
 * `poolwise/testing`: prove the schedule of any effect of yours under
 * `TestClock`. Run it in virtual time (`inVirtualTime`), record when each of
 * its tasks started and ended and how many were in flight (`predictTimeline`),
 * and check the result (`assertStarts`, `assertMakespan`, `assertPeakInFlight`,
 * `assertDoneAt`) against what you predicted, by hand or with a reference
 * schedule (`greedyStarts`, `chunkedStarts`).
 *
 * It needs no test framework at run time: the assertions are Effects that fail
 * with a `ScheduleMismatch`, so they read the same in `@effect/vitest`'s
 * `it.effect` as anywhere else.
 *
 * Numbering: a span's `index` is 0-based (the item's position in the input,
 * as `Effect.forEach` and the kit's runners pass it); default labels are
 * 1-based ("1", "2", "3"), as the charts and test names count tasks.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline, sleepFor } from "poolwise/testing"
 *
 * const check = Effect.gen(function* () {
 *   const [, timeline] = yield* predictTimeline((probe) =>
 *     Effect.forEach([100, 300, 200], probe.task(sleepFor), { concurrency: 2 })
 *   )
 *   yield* assertStarts(timeline, [0, 0, 100])
 *   yield* assertMakespan(timeline, 300)
 *   yield* assertPeakInFlight(timeline, 2)
 * })
 * ```
 *
 * @since 0.1.0
 */
export type { Probe, VirtualTimeOptions } from "./models.ts"
export { inVirtualTime, VirtualTimeExceeded } from "./virtualTime.ts"
export { predictTimeline, sleepFor } from "./predict.ts"
export {
  assertDoneAt,
  assertMakespan,
  assertPeakInFlight,
  assertStarts,
  ScheduleMismatch,
  startsByLabel,
} from "./assertions.ts"
export { chunkedStarts, greedyStarts, makespanOf } from "./referenceSchedules.ts"
