/**
 * The line under the live limit and the rate limit: first in, first out,
 * O(1) per waiter whatever leaves it, counted (not timed) at 10× and 100×.
 */
import { describe, expect, it } from "@effect/vitest"
import { makeWaitLine } from "../../../src/internal/limits/waitLine.ts"

describe("a wait line", () => {
  it("wakes waiters in the order they joined, passing over those that left", () => {
    const line = makeWaitLine()
    const woken: Array<string> = []
    const [, b, , d] = ["a", "b", "c", "d", "e"].map((name) => line.join(() => woken.push(name)))
    expect(line.leave(b!)).toBe(true)
    expect(line.leave(d!)).toBe(true)
    expect(line.size()).toBe(3)
    while (line.wakeNext());
    expect(woken).toEqual(["a", "c", "e"])
    expect(line.work()).toEqual({ woken: 3, skipped: 2, copied: 0 })
  })

  it("a waiter already woken cannot leave: `leave` says so, and the size stays right", () => {
    const line = makeWaitLine()
    const waiter = line.join(() => {})
    expect(line.wakeNext()).toBe(true)
    expect(line.leave(waiter)).toBe(false)
    expect(line.size()).toBe(0)
    expect(line.wakeNext()).toBe(false)
  })

  it.each([10_000, 100_000, 1_000_000])(
    "%d waiters joining and leaving in waves cost each one wake or one skip, and at most one copy",
    (n) => {
      const line = makeWaitLine()
      let woken = 0
      // Waves: join 4, one of them leaves, wake 2 — the line grows and is compacted as it goes.
      for (let i = 0; i < n / 4; i++) {
        const joined = [1, 2, 3, 4].map(() => line.join(() => woken++))
        line.leave(joined[i % 4]!)
        line.wakeNext()
        line.wakeNext()
      }
      while (line.wakeNext());
      const work = line.work()
      expect(woken).toBe((3 * n) / 4)
      expect(work.woken).toBe((3 * n) / 4)
      expect(work.skipped).toBe(n / 4)
      expect(work.copied).toBeLessThanOrEqual(n)
    },
  )
})
