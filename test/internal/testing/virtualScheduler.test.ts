import { describe, expect, it } from "@effect/vitest"
import { messageChannelTurn } from "../../../src/internal/testing/virtualScheduler.ts"

describe("the next event-loop turn where there is no setImmediate (a browser)", () => {
  it("a MessageChannel turn runs its callbacks in order, each after the promise reactions already queued", async () => {
    const nextTurn = messageChannelTurn()
    const seen: Array<string> = []
    const done = new Promise<void>((resolve) => {
      nextTurn(() => seen.push("turn 1"))
      nextTurn(() => {
        seen.push("turn 2")
        resolve()
      })
    })
    void Promise.resolve().then(() => seen.push("promise reaction"))
    seen.push("now")
    await done
    expect(seen).toEqual(["now", "promise reaction", "turn 1", "turn 2"])
  })
})
