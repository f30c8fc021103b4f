import { describe, expect, it } from "@effect/vitest"
import { msPerCellFor, niceStep } from "../../../src/internal/timeline/gantt.ts"

describe("the charts' scale", () => {
  it("picks a 1-2-5 step so the chart fits the width", () => {
    expect([0.3, 1, 3, 7, 12, 40, 60].map(niceStep)).toEqual([1, 1, 5, 10, 20, 50, 100])
    expect(msPerCellFor(300, 60)).toBe(5)
    expect(msPerCellFor(500, 60)).toBe(10)
  })
})
