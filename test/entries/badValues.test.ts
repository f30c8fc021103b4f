/**
 * The same bad values, fed to every public option of every entry point: each
 * is refused before any work starts, naming the option, with one message
 * shape, `Invalid option "<option>": <reason>, got <value>`. A bad option
 * refuses the run in both error modes; it is never a failure per item.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit } from "effect"
import {
  adaptive,
  chunked,
  chunkedStrategy,
  InvalidOptionError,
  liveLimit,
  makeProgress,
  pooled,
  pooledStrategy,
  unbounded,
  withTaskTimeout,
} from "poolwise"
import { inVirtualTime, predictTimeline } from "poolwise/testing"
import { renderChunkedVsPooled, renderGantt, renderSvg, renderSvgComparison, type Timeline } from "poolwise/timeline"

/**
 * The table's values. None is a valid count, limit, mode, flag or signal.
 * Durations take 1.5 (1.5 ms is a duration); scales (ms per pixel, a width in
 * pixels) take 1.5 and 2^53 too: the `accepts` column of each option says so.
 */
export const badValues: ReadonlyArray<readonly [string, unknown]> = [
  ["-1", -1],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
  ["1.5", 1.5],
  ['"abc"', "abc"],
  ["2^53", 2 ** 53],
  ['"-5 seconds"', "-5 seconds"],
]

/** What a JavaScript caller can pass where TypeScript would object. */
const any = <A>(value: unknown) => value as A

/** Counts every task started, so a refusal can be shown to start nothing. */
let started = 0
const task = (n: number) =>
  Effect.sync(() => {
    started++
    return n
  })

const empty: Timeline = { spans: [], makespan: 0, peakInFlight: 0 }

type Row = readonly [
  entry: string,
  option: string,
  run: (value: unknown) => Effect.Effect<unknown, unknown>,
  accepts?: ReadonlyArray<string>,
]
const duration = ["1.5"]
const scale = ["1.5", "2^53"]

/** Every public option of the core entries, a run that gives it `value`, and the table's values it accepts. */
const options: ReadonlyArray<Row> = [
  ["poolwise", "concurrency", (v) => pooled([1, 2], task, { concurrency: any(v) })],
  ["poolwise", "chunkSize", (v) => chunked([1, 2], task, { chunkSize: any(v) })],
  ["poolwise", "mode", (v) => pooled([1, 2], task, { concurrency: 2, mode: any(v) })],
  ["poolwise", "ordered", (v) => unbounded([1, 2], task, { ordered: any(v) })],
  ["poolwise", "haltWhen", (v) => pooled([1, 2], task, { concurrency: 2, haltWhen: any<Effect.Effect<void>>(v) })],
  [
    "poolwise",
    "interruptWhen",
    (v) => chunked([1, 2], task, { chunkSize: 1, interruptWhen: any<Effect.Effect<void>>(v) }),
  ],
  ["poolwise", "timeout", (v) => pooled([1, 2], withTaskTimeout(task, any(v)), { concurrency: 2 }), duration],
  [
    "poolwise",
    "timeout",
    (v) => pooled([1, 2], withTaskTimeout(task, any(v)), { concurrency: 2, mode: "collect" }),
    duration,
  ],
  ["poolwise", "concurrency", (v) => pooledStrategy({ concurrency: any(v) })],
  ["poolwise", "rate", (v) => pooled([1, 2], task, { concurrency: 2, rate: any(v) })],
  ["poolwise", "rate.limit", (v) => pooled([1, 2], task, { concurrency: 2, rate: { limit: any(v), interval: 1_000 } })],
  ["poolwise", "rate", (v) => chunked([1, 2], task, { chunkSize: 2, rate: any(v) })],
  ["poolwise", "rate.limit", (v) => chunkedStrategy({ chunkSize: 2, rate: { limit: any(v), interval: 1_000 } })],
  [
    "poolwise",
    "rate.interval",
    (v) => pooledStrategy({ concurrency: 2, rate: { limit: 5, interval: any(v) } }),
    duration,
  ],
  [
    "poolwise",
    "rate.burst",
    (v) => pooledStrategy({ concurrency: 2, rate: { limit: 5, interval: 1_000, burst: any(v) } }),
  ],
  ["poolwise", "concurrency", (v) => liveLimit(any(v))],
  ["poolwise", "concurrency", (v) => Effect.flatMap(liveLimit(2), (limit) => limit.resize(any(v)))],
  ["poolwise", "concurrency.min", (v) => adaptive({ min: any(v), max: 10 })],
  ["poolwise", "concurrency.max", (v) => adaptive({ max: any(v) })],
  ["poolwise", "concurrency.initial", (v) => adaptive({ max: 10, initial: any(v) })],
  ["poolwise", "concurrency.backoff", (v) => adaptive({ max: 10, backoff: any(v) })],
  ["poolwise", "concurrency.tolerance", (v) => adaptive({ max: 10, tolerance: any(v) }), scale],
  ["poolwise", "chunkSize", (v) => chunkedStrategy({ chunkSize: any(v) })],
  ["poolwise", "total", (v) => makeProgress(any(v))],
  ["poolwise/timeline", "msPerCell", (v) => Effect.try(() => renderGantt(empty, { msPerCell: any(v) })), scale],
  ["poolwise/timeline", "width", (v) => Effect.try(() => renderGantt(empty, { width: any(v) }))],
  ["poolwise/timeline", "msPerPixel", (v) => Effect.try(() => renderSvg(empty, { msPerPixel: any(v) })), scale],
  ["poolwise/timeline", "width", (v) => Effect.try(() => renderSvgComparison([], { width: any(v) })), scale],
  ["poolwise/timeline", "until", (v) => Effect.try(() => renderSvg(empty, { until: any(v) })), scale],
  [
    "poolwise/timeline",
    "chunkSize",
    (v) =>
      Effect.try(() =>
        renderChunkedVsPooled({ title: "t", chunked: empty, chunkSize: any(v), pooled: empty, concurrency: 2 })
      ),
  ],
]

/** The refusal in a failure, a thrown error (`Effect.try` wraps it) or a defect. */
const refusalOf = (exit: Exit.Exit<unknown, unknown>): unknown => {
  if (Exit.isSuccess(exit)) return undefined
  const failure = Cause.failureOption(exit.cause)
  const found = failure._tag === "Some" ? failure.value : Cause.squash(exit.cause)
  return found instanceof Error && "error" in found ? (found as { error: unknown }).error : found
}

describe("every option of the core entries refuses every bad value, before any work, naming the option", () => {
  describe.each(options.map((row) => [row[0], row[1], row] as const))("%s: %s", (_, option, row) => {
    const run = row[2]
    const accepts = row[3] ?? []
    it.effect.each(badValues.filter(([shown]) => !accepts.includes(shown)))(
      `${option} = %s is refused with InvalidOptionError`,
      ([, value]) =>
        Effect.gen(function* () {
          started = 0
          const refusal = refusalOf(yield* Effect.exit(run(value)))
          expect(refusal).toBeInstanceOf(InvalidOptionError)
          expect(refusal).toMatchObject({ option })
          expect((refusal as InvalidOptionError).message).toMatch(new RegExp(`^Invalid option "${option}": .+, got `))
          expect(started).toBe(0)
        }),
    )
  })

  it.effect.each(badValues.filter(([shown]) => !duration.includes(shown)))(
    "poolwise/testing: a horizon of %s is a defect naming it, and the effect never runs",
    ([, value]) =>
      Effect.gen(function* () {
        started = 0
        for (
          const run of [
            inVirtualTime(task(1), { horizon: any(value) }),
            predictTimeline(() => task(1), { horizon: any(value) }),
          ] as ReadonlyArray<Effect.Effect<unknown>>
        ) {
          const exit = yield* Effect.exit(run)
          const defect = Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined
          expect(defect).toBeInstanceOf(InvalidOptionError)
          expect(defect).toMatchObject({ option: "horizon" })
        }
        expect(started).toBe(0)
      }),
  )
})
