import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { InvalidOptionError } from "poolwise"
import { chunkedStarts, greedyStarts, makespanOf } from "poolwise/testing"
import { MAX_TASKS, parseDurations, predict, predictNow } from "../../docs/.vitepress/playground/compute.ts"
import { stringsFor } from "../../docs/.vitepress/playground/strings.ts"

const en = stringsFor("en")
const blog = { durations: "100, 300, 200", limit: "2", chunkSize: "" }

describe("the playground's computation (the kit under TestClock, as the page runs it)", () => {
  it.effect("the blog's workload: chunked done at 500 ms with 400 ms of idle slot time, pooled at 300 ms with none", () =>
    Effect.gen(function* () {
      const prediction = yield* predict(blog, en)
      expect([prediction.chunked.makespan, prediction.chunked.idle]).toEqual([500, 400])
      expect([prediction.pooled.makespan, prediction.pooled.idle]).toEqual([300, 0])
      expect(prediction.svg).toContain("done at 500 ms")
      expect(prediction.gantt).toContain("slot 2")
    }))

  it.effect("any limit and chunk size give the schedules the reference models predict", () =>
    Effect.gen(function* () {
      const durations = [120, 40, 300, 80, 80, 200, 10, 60]
      for (const [limit, chunkSize] of [[1, 1], [3, 3], [3, 2], [5, 8]] as const) {
        const prediction = yield* predict(
          { durations: durations.join(","), limit: String(limit), chunkSize: String(chunkSize) },
          en,
        )
        expect(prediction.pooled.makespan).toBe(makespanOf(greedyStarts(durations, limit), durations))
        expect(prediction.chunked.makespan).toBe(makespanOf(chunkedStarts(durations, chunkSize), durations))
      }
    }))

  it.effect("an edit of one strategy's input reruns that strategy only: the other keeps the schedule it had", () =>
    Effect.gen(function* () {
      const durations = [120, 40, 300, 80, 80, 200, 10, 60]
      const input = { durations: durations.join(", "), limit: "3", chunkSize: "3" }
      const first = yield* predict(input, en)
      const chunkSizeEdited = yield* predict({ ...input, chunkSize: "2" }, en)
      expect(chunkSizeEdited.pooled.timeline).toBe(first.pooled.timeline)
      expect(chunkSizeEdited.chunked.timeline).not.toBe(first.chunked.timeline)
      expect(chunkSizeEdited.chunked.makespan).toBe(makespanOf(chunkedStarts(durations, 2), durations))
      const limitEdited = yield* predict({ ...input, limit: "4", chunkSize: "2" }, en)
      expect(limitEdited.chunked.timeline).toBe(chunkSizeEdited.chunked.timeline)
      expect(limitEdited.pooled.makespan).toBe(makespanOf(greedyStarts(durations, 4), durations))
      // Another workload is computed afresh, though the limits are the same.
      const durationsEdited = yield* predict({ ...input, durations: "100, 300, 200", limit: "4", chunkSize: "2" }, en)
      expect([durationsEdited.chunked.makespan, durationsEdited.pooled.makespan]).toEqual([500, 300])
    }))

  it("an empty chunk size is the limit", async () => {
    const outcome = await predictNow({ ...blog, limit: "3" }, en)
    expect(outcome.ok && outcome.prediction.chunkSize).toBe(3)
  })

  it("durations are whole milliseconds, separated by commas, semicolons or lines", () => {
    expect(parseDurations("100, 300;\n 200,")).toEqual(Either.right([100, 300, 200]))
  })

  it("a bad duration is refused with the kit's InvalidOptionError, naming the entry as typed", async () => {
    for (const entry of ["abc", "-5", "1.5", "2 seconds", "9007199254740992"]) {
      const outcome = await predictNow({ ...blog, durations: `100, ${entry}, 200` }, en)
      expect(outcome).toEqual({
        ok: false,
        message: `Invalid option "durations": expected whole milliseconds ≥ 0 separated by commas, got "${entry}"`,
      })
    }
    const parsed = parseDurations("abc")
    expect(Either.isLeft(parsed) && parsed.left).toBeInstanceOf(InvalidOptionError)
  })

  it("a bad limit is refused by the runner itself, with its message", async () => {
    expect(await predictNow({ ...blog, limit: "0" }, en)).toEqual({
      ok: false,
      message: `Invalid option "concurrency": expected a whole number ≥ 1, got 0`,
    })
    expect(await predictNow({ ...blog, chunkSize: "1.5" }, en)).toEqual({
      ok: false,
      message: `Invalid option "chunkSize": expected a whole number ≥ 1, got 1.5`,
    })
  })

  it("more tasks than the playground draws is refused, saying how many it takes", () => {
    const text = Array.from({ length: MAX_TASKS + 1 }, () => "1").join(",")
    const parsed = parseDurations(text)
    expect(Either.isLeft(parsed) && parsed.left.message).toBe(
      `Invalid option "durations": expected at most 1,000 tasks, got "1001 tasks"`,
    )
  })
})
