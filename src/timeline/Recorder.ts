/**
 * Wraps tasks so that a run records its own schedule.
 *
 * Time comes from Effect's `Clock`, so the same recorder gives exact virtual
 * times under `TestClock` and measured times live.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Exit, Ref } from "effect"
import type { Task } from "../strategies/Strategy.ts"
import type { Outcome, Span, Timeline } from "./Timeline.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface Recorder {
  /** The same task, recording a {@link Span} each time it runs. */
  readonly record: <A, B, E, R>(task: Task<A, B, E, R>, label?: (item: A, index: number) => string) => Task<A, B, E, R>
  /** How many recorded tasks are running right now. */
  readonly inFlight: Effect.Effect<number>
  /** The schedule so far. */
  readonly timeline: Effect.Effect<Timeline>
}

interface State {
  readonly busy: ReadonlySet<number>
  readonly peakInFlight: number
  readonly spans: ReadonlyArray<Span>
}

const lowestFreeSlot = (busy: ReadonlySet<number>): number => {
  let slot = 1
  while (busy.has(slot)) slot++
  return slot
}

const outcomeOf = <A, E>(exit: Exit.Exit<A, E>): Outcome =>
  Exit.isSuccess(exit) ? "succeeded" : Exit.isInterrupted(exit) ? "interrupted" : "failed"

const byStartThenSlot = (a: Span, b: Span) => a.start - b.start || a.slot - b.slot

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
  const origin = yield* Clock.currentTimeMillis
  const state = yield* Ref.make<State>({ busy: new Set(), peakInFlight: 0, spans: [] })
  const now = Effect.map(Clock.currentTimeMillis, (t) => t - origin)

  const claimSlot = Effect.flatMap(now, (start) =>
    Ref.modify(state, (s) => {
      const slot = lowestFreeSlot(s.busy)
      const busy = new Set(s.busy).add(slot)
      return [{ slot, start }, { ...s, busy, peakInFlight: Math.max(s.peakInFlight, busy.size) }]
    }))

  const releaseSlot = (span: Omit<Span, "end">) =>
    Effect.flatMap(now, (end) =>
      Ref.update(state, (s) => {
        const busy = new Set(s.busy)
        busy.delete(span.slot)
        return { ...s, busy, spans: [...s.spans, { ...span, end }] }
      }))

  const record: Recorder["record"] = (task, label = (_item, index) => String(index + 1)) => (item, index) =>
    Effect.acquireUseRelease(
      claimSlot,
      () => task(item, index),
      ({ slot, start }, exit) =>
        releaseSlot({ index, label: label(item, index), slot, start, outcome: outcomeOf(exit) }),
    )

  return {
    record,
    inFlight: Effect.map(Ref.get(state), (s) => s.busy.size),
    timeline: Effect.map(Ref.get(state), (s): Timeline => {
      const spans = [...s.spans].sort(byStartThenSlot)
      return { spans, makespan: Math.max(0, ...spans.map((span) => span.end)), peakInFlight: s.peakInFlight }
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
