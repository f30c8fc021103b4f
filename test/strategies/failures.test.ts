import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Either, Ref } from "effect"
import { chunked, pooled, successes, type Task, unbounded } from "poolwise"
import { withTimeline } from "poolwise/timeline"
import { inVirtualTime } from "poolwise/testing"

/** Task i sleeps durations[i] ms; the item "boom" fails instead, after its sleep. */
interface Job {
  readonly name: string
  readonly ms: number
}
const jobs: ReadonlyArray<Job> = [
  { name: "a", ms: 300 },
  { name: "boom", ms: 100 },
  { name: "c", ms: 200 },
  { name: "d", ms: 50 },
]

const countingTask = (started: Ref.Ref<ReadonlyArray<string>>): Task<Job, string, string, never> => (job) =>
  Ref.update(started, (names) => [...names, job.name]).pipe(
    Effect.zipRight(Effect.sleep(Duration.millis(job.ms))),
    Effect.zipRight(job.name === "boom" ? Effect.fail(`${job.name} failed`) : Effect.succeed(job.name)),
  )

describe("fail-fast, the default error mode", () => {
  it.effect("the first failure interrupts running siblings, and items not yet started never start", () =>
    Effect.gen(function* () {
      const started = yield* Ref.make<ReadonlyArray<string>>([])
      const [error, timeline] = yield* inVirtualTime(
        withTimeline(
          countingTask(started),
          (task) => Effect.flip(pooled(jobs, task, { concurrency: 2 })),
          (j) => j.name,
        ),
      )
      expect(error).toBe("boom failed")
      expect(yield* Ref.get(started)).toEqual(["a", "boom"])
      expect(timeline.spans.map((s) => [s.label, s.outcome, s.end])).toEqual([
        ["a", "interrupted", 100],
        ["boom", "failed", 100],
      ])
    }))

  it.effect("chunked stops at the failing chunk: later chunks never start", () =>
    Effect.gen(function* () {
      const started = yield* Ref.make<ReadonlyArray<string>>([])
      const error = yield* inVirtualTime(Effect.flip(chunked(jobs, countingTask(started), { chunkSize: 2 })))
      expect(error).toBe("boom failed")
      expect(yield* Ref.get(started)).toEqual(["a", "boom"])
    }))
})

describe("collect, the error mode that runs every item", () => {
  it.effect("runs every item and returns, per input index, the value or the error", () =>
    Effect.gen(function* () {
      const started = yield* Ref.make<ReadonlyArray<string>>([])
      const [settled, timeline] = yield* inVirtualTime(
        withTimeline(countingTask(started), (task) => pooled(jobs, task, { concurrency: 2, mode: "collect" })),
      )
      expect(yield* Ref.get(started)).toEqual(["a", "boom", "c", "d"])
      expect(settled.results).toEqual([
        Either.right("a"),
        Either.left("boom failed"),
        Either.right("c"),
        Either.right("d"),
      ])
      expect(settled.errors).toEqual([{ index: 1, item: jobs[1], error: "boom failed" }])
      expect(successes(settled)).toEqual(["a", "c", "d"])
      // A failure frees its slot like a success: c starts at 100, d at 300.
      expect(timeline.spans.map((s) => [s.index, s.start])).toEqual([[0, 0], [1, 0], [2, 100], [3, 300]])
    }))

  it.effect("works the same for chunked and unbounded, in input order", () =>
    Effect.gen(function* () {
      const started = yield* Ref.make<ReadonlyArray<string>>([])
      const task = countingTask(started)
      const fromChunked = yield* inVirtualTime(chunked(jobs, task, { chunkSize: 3, mode: "collect" }))
      const fromUnbounded = yield* inVirtualTime(unbounded(jobs, task, { mode: "collect" }))
      expect(fromChunked).toEqual(fromUnbounded)
      expect(fromChunked.errors.map((e) => e.index)).toEqual([1])
    }))

  it.effect("a defect is not a typed error: collect does not swallow it", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        pooled([1, 2], (n) => n === 2 ? Effect.die("bug") : Effect.succeed(n), { concurrency: 2, mode: "collect" }),
      )
      expect(exit._tag).toBe("Failure")
    }))
})
