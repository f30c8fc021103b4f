/**
 * Assertions about a schedule, each an Effect that fails with a
 * `ScheduleMismatch` naming what differed. See the public face.
 *
 * @internal
 */
import { Duration, Effect } from "effect"
import { dual } from "effect/Function"
import type { VirtualTimeOptions } from "../../testing/models.ts"
import type { Timeline } from "../../timeline/Timeline.ts"
import { renderGantt } from "../timeline/gantt.ts"
import { startsByIndex } from "../timeline/measure.ts"
import { ScheduleMismatch, show } from "./errors.ts"
import { inVirtualTime } from "./virtualTime.ts"

const check = (
  timeline: Timeline,
  what: string,
  expected: unknown,
  actual: unknown,
): Effect.Effect<void, ScheduleMismatch> =>
  show(expected) === show(actual)
    ? Effect.void
    : Effect.fail(new ScheduleMismatch({ check: what, expected, actual, chart: renderGantt(timeline) }))

export const startsByLabel = (timeline: Timeline): Record<string, number> => {
  const starts: Record<string, number> = {}
  for (const span of timeline.spans) if (!(span.label in starts)) starts[span.label] = span.start
  return starts
}

export const assertMakespan: {
  (ms: number): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (timeline: Timeline, ms: number): Effect.Effect<void, ScheduleMismatch>
} = dual(2, (timeline: Timeline, ms: number) => check(timeline, "makespan (ms)", ms, timeline.makespan))

export const assertPeakInFlight: {
  (n: number): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (timeline: Timeline, n: number): Effect.Effect<void, ScheduleMismatch>
} = dual(2, (timeline: Timeline, n: number) => check(timeline, "peak in flight", n, timeline.peakInFlight))

export const assertStarts: {
  (
    expected: ReadonlyArray<number> | Readonly<Record<string, number>>,
  ): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (
    timeline: Timeline,
    expected: ReadonlyArray<number> | Readonly<Record<string, number>>,
  ): Effect.Effect<void, ScheduleMismatch>
} = dual(
  2,
  (timeline: Timeline, expected: ReadonlyArray<number> | Readonly<Record<string, number>>) =>
    isList(expected)
      ? check(timeline, "starts by index (ms)", expected, startsByIndex(timeline))
      : check(timeline, "starts by label (ms)", sortKeys(expected), sortKeys(startsByLabel(timeline))),
)

const isList = (value: ReadonlyArray<number> | Readonly<Record<string, number>>): value is ReadonlyArray<number> =>
  Array.isArray(value)

const sortKeys = (record: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)))

export const assertDoneAt: {
  (ms: number, options?: VirtualTimeOptions): <A, E, R>(
    effect: Effect.Effect<A, E, R>,
  ) => Effect.Effect<A, E | ScheduleMismatch, R>
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    ms: number,
    options?: VirtualTimeOptions,
  ): Effect.Effect<A, E | ScheduleMismatch, R>
} = dual(
  (args) => Effect.isEffect(args[0]),
  <A, E, R>(effect: Effect.Effect<A, E, R>, ms: number, options?: VirtualTimeOptions) =>
    Effect.flatMap(inVirtualTime(Effect.timed(effect), options), ([elapsed, value]) => {
      const doneAt = Duration.toMillis(elapsed)
      return doneAt === ms
        ? Effect.succeed(value)
        : Effect.fail(new ScheduleMismatch({ check: "done at (ms)", expected: ms, actual: doneAt }))
    }),
)
