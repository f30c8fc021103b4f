/**
 * Assertions about a schedule. Each one is an Effect that fails with a
 * {@link ScheduleMismatch} naming what differed, with the schedule drawn as a
 * chart, so they read the same in `@effect/vitest`'s `it.effect` as in any
 * other runner, and need no test framework at run time.
 *
 * @since 0.2.0
 */
import { Data, Duration, Effect } from "effect"
import { dual } from "effect/Function"
import { renderGantt } from "../timeline/gantt.ts"
import { startsByIndex, type Timeline } from "../timeline/Timeline.ts"
import { inVirtualTime, type VirtualTimeOptions } from "./virtualTime.ts"

/**
 * A schedule differed from the one expected.
 *
 * @since 0.2.0
 * @category errors
 */
export class ScheduleMismatch extends Data.TaggedError("ScheduleMismatch")<{
  /** What was checked: "makespan", "peak in flight", "starts by index", … */
  readonly check: string
  readonly expected: unknown
  readonly actual: unknown
  /** The schedule as a text Gantt chart, when there is one. */
  readonly chart?: string | undefined
}> {
  override get message(): string {
    const line = `${this.check}: expected ${show(this.expected)}, got ${show(this.actual)}`
    return this.chart === undefined ? line : `${line}\n${this.chart}`
  }
}

const show = (value: unknown): string => typeof value === "string" ? value : JSON.stringify(value)

const check = (
  timeline: Timeline,
  what: string,
  expected: unknown,
  actual: unknown,
): Effect.Effect<void, ScheduleMismatch> =>
  show(expected) === show(actual)
    ? Effect.void
    : Effect.fail(new ScheduleMismatch({ check: what, expected, actual, chart: renderGantt(timeline) }))

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
 * @since 0.2.0
 * @category getters
 */
export const startsByLabel = (timeline: Timeline): Record<string, number> => {
  const starts: Record<string, number> = {}
  for (const span of timeline.spans) if (!(span.label in starts)) starts[span.label] = span.start
  return starts
}

/**
 * The run ended (its last span ended) exactly `ms` after it began.
 *
 * @since 0.2.0
 * @category assertions
 */
export const assertMakespan: {
  (ms: number): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (timeline: Timeline, ms: number): Effect.Effect<void, ScheduleMismatch>
} = dual(2, (timeline: Timeline, ms: number) => check(timeline, "makespan (ms)", ms, timeline.makespan))

/**
 * At most `n` tasks were ever in flight at once, and at some moment exactly `n`.
 *
 * @since 0.2.0
 * @category assertions
 */
export const assertPeakInFlight: {
  (n: number): (timeline: Timeline) => Effect.Effect<void, ScheduleMismatch>
  (timeline: Timeline, n: number): Effect.Effect<void, ScheduleMismatch>
} = dual(2, (timeline: Timeline, n: number) => check(timeline, "peak in flight", n, timeline.peakInFlight))

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
 * @since 0.2.0
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
 * @since 0.2.0
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
