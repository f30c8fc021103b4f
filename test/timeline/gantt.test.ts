import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { chunked, pooled } from "poolwise"
import { renderGantt, withTimeline } from "poolwise/timeline"
import { blogWorkload, findUserWithDelay } from "poolwise/fixtures"
import { inVirtualTime } from "poolwise/testing"

const label = ({ id, time }: { id: number; time: number }) => `#${id} ${time}ms`

describe("the text Gantt chart: one row per slot, one bar per task", () => {
  it.effect("draws pooled's seed run: task 3 follows task 1 on slot 1 with no gap", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* inVirtualTime(
        withTimeline(findUserWithDelay, (task) => pooled(blogWorkload, task, { concurrency: 2 }), label),
      )
      expect(renderGantt(timeline, { msPerCell: 10 })).toBe(
        [
          "slot 1 [#1 100ms][#3 200ms==========]",
          "slot 2 [#2 300ms====================]",
          "       0         100       200       300 ms",
        ].join("\n"),
      )
    }))

  it.effect("draws chunked's seed run: slot 1 idles (dots) from 100 to 300 ms", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* inVirtualTime(
        withTimeline(findUserWithDelay, (task) => chunked(blogWorkload, task, { chunkSize: 2 }), label),
      )
      const [slot1, slot2] = renderGantt(timeline, { msPerCell: 10 }).split("\n")
      expect(slot1).toBe("slot 1 [#1 100ms]....................[#3 200ms==========]")
      expect(slot2).toBe("slot 2 [#2 300ms====================]")
    }))

  it.effect("marks failed bars with x and interrupted ones with ~", () =>
    Effect.gen(function* () {
      const [, timeline] = yield* inVirtualTime(
        withTimeline(
          (ms: number) => ms === 100 ? Effect.delay(Effect.fail("no"), ms) : Effect.sleep(ms),
          (task) => Effect.either(pooled([300, 100], task, { concurrency: 2 })),
        ),
      )
      expect(renderGantt(timeline, { msPerCell: 10 }).split("\n").slice(0, 2)).toEqual([
        "slot 1 [1~~~~~~~]",
        "slot 2 [2xxxxxxx]",
      ])
    }))
})
