/**
 * `Stream.mapEffect` with `concurrency`: a pool over a stream, in input order
 * or in finishing order. Its function gets no index, so each element carries
 * its 1-based position, and the calls are probed with `probe.calls` and
 * labelled by it: task "3" is the third element.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Clock, Effect, Stream } from "effect"
import { blogWorkload } from "poolwise/fixtures"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline, sleepFor } from "poolwise/testing"

interface Element {
  readonly task: number
  readonly ms: number
}

/** Runs `durations` through `Stream.mapEffect` with a limit of 2: [task, emitted at] pairs, and the timeline. */
const emitted = (durations: ReadonlyArray<number>, unordered: boolean) =>
  predictTimeline((probe) => {
    const run = probe.calls(({ ms }: Element) => sleepFor(ms, 0), ({ task }) => String(task))
    return Stream.fromIterable(durations.map((ms, index): Element => ({ task: index + 1, ms }))).pipe(
      Stream.mapEffect((element) => Effect.as(run(element), element.task), { concurrency: 2, unordered }),
      Stream.mapEffect((task) => Effect.map(Clock.currentTimeMillis, (now) => [task, now] as const)),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray),
    )
  })

const blog = blogWorkload.map((lookup) => lookup.time)

describe("Stream.mapEffect with concurrency 2 on the blog's workload (100, 300, 200 ms)", () => {
  it.effect("ordered (the default): task 3 starts at 100 ms, done at 300 ms, results in input order", () =>
    Effect.gen(function* () {
      const [out, timeline] = yield* emitted(blog, false)
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
      yield* assertPeakInFlight(timeline, 2)
      expect(out).toEqual([[1, 100], [2, 300], [3, 300]])
    }))

  it.effect("unordered: the same schedule, each result emitted as its task ends (tasks 2 and 3 both at 300 ms)", () =>
    Effect.gen(function* () {
      const [out, timeline] = yield* emitted(blog, true)
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100 })
      yield* assertMakespan(timeline, 300)
      expect(out[0]).toEqual([1, 100])
      expect(out.slice(1).map(([, at]) => at)).toEqual([300, 300])
      expect(out.map(([task]) => task).sort()).toEqual([1, 2, 3])
    }))
})

describe("Stream.mapEffect with concurrency 2 when the first task is the slow one (300, 100, 100, 50 ms)", () => {
  it.effect("ordered: finished results wait behind the slow task 1, and so does task 4's start: 350 ms", () =>
    Effect.gen(function* () {
      const [out, timeline] = yield* emitted([300, 100, 100, 50], false)
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100, "4": 300 })
      yield* assertMakespan(timeline, 350)
      expect(out).toEqual([[1, 300], [2, 300], [3, 300], [4, 350]])
    }))

  it.effect("unordered: each result is emitted as it ends, so a freed slot is reused at once: 300 ms", () =>
    Effect.gen(function* () {
      const [out, timeline] = yield* emitted([300, 100, 100, 50], true)
      yield* assertStarts(timeline, { "1": 0, "2": 0, "3": 100, "4": 200 })
      yield* assertMakespan(timeline, 300)
      expect(out).toEqual([[2, 100], [3, 200], [4, 250], [1, 300]])
    }))
})
