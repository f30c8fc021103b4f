import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { checkSnippets, instrument, readDocs } from "../../scripts/docs/check.ts"
import { BACKSTOP_MS, copyFixture, readmeOf, summary } from "./fixture.ts"

/** The README's ts blocks, type-checked and run (no examples: the fixture's are checked elsewhere). */
const checkReadme = (name: string, readme: string, options: { readonly timeoutMs?: number } = {}) => {
  const root = copyFixture(name, (root) => writeFileSync(join(root, "README.md"), readme))
  const docs = readDocs(root).filter((doc) => doc.path === "README.md")
  return checkSnippets(root, docs, { ...options, examples: false })
}

describe("instrument", () => {
  it("ties each // => to its console.log, keeping lines in place", () => {
    const code = ["const a = 1", "console.log(a) // => 1", "console.log(", "  a + 1", ")", "// => 2", "// => not tied"]
      .join("\n")
    const out = instrument(code)
    expect([...out.expected]).toEqual([[2, "1"], [3, "2"]])
    expect(out.code.split("\n")).toHaveLength(7)
    expect(out.code).toContain("__docsLog(2, a) // => 1")
    expect(out.code).toContain("__docsLog(3, \n")
  })
})

describe("running the ts blocks, the kit loaded once for all of them", { timeout: BACKSTOP_MS }, () => {
  it.live("a block that does not type-check is reported by tsc and not run", () =>
    Effect.gen(function* () {
      const problems = yield* checkReadme("type-error", readmeOf(`const n: number = "one"`, `console.log(1) // => 1`))
      expect(summary(problems)).toEqual(["snippet README.md:4"])
      expect(problems[0]!.message).toContain("TS2322")
    }))

  it.live("a block that throws, rejects unhandled or sets process.exitCode fails alone; the blocks around it pass", () =>
    Effect.gen(function* () {
      const problems = yield* checkReadme(
        "fails-alone",
        readmeOf(
          `console.log("first") // => first`,
          `throw new Error("boom")`,
          `Promise.reject(new Error("nobody waits for me"))`,
          `process.exitCode = 3`,
          `console.log("last") // => last`,
        ),
      )
      expect(summary(problems)).toEqual(["snippet README.md:8", "snippet README.md:12", "snippet README.md:15"])
      expect(problems[0]!.message).toMatch(/^block failed \(it threw\):\nError: boom/)
      expect(problems[1]!.message).toMatch(/^block failed \(unhandled rejection\):\nError: nobody waits for me/)
      expect(problems[2]!.message).toBe("block failed (it set process.exitCode to 3)")
    }))

  it.live("a block is done when what it started has ended: output printed later by a timer is checked too", () =>
    Effect.gen(function* () {
      const problems = yield* checkReadme(
        "timers",
        readmeOf(
          `setTimeout(() => console.log("late"), 0) // => late`,
          `setImmediate(() => console.log("wrong")) // => right`,
        ),
      )
      expect(summary(problems)).toEqual(["output README.md:8"])
      expect(problems[0]!.message).toBe(`printed "wrong" but the block says // => right`)
    }))

  it.live("a block that kills its runner fails alone; a fresh runner runs the blocks after it", () =>
    Effect.gen(function* () {
      const problems = yield* checkReadme(
        "kills-runner",
        readmeOf(`process.kill(process.pid, "SIGKILL")`, `console.log("still checked") // => still checked`),
      )
      expect(summary(problems)).toEqual(["snippet README.md:3"])
      expect(problems[0]!.message).toContain("block ended the runner process (killed by SIGKILL)")
    }))

  // The only block run here never ends, so a tiny limit cannot catch a slow healthy one, and the test
  // waits on no real time: whenever the limit fires, the block is still running.
  it.live("a block that never ends is reported once the time limit (scaled up on a busy machine) is reached", () =>
    Effect.gen(function* () {
      const limitMs = 1
      const problems = yield* checkReadme("never-ends", readmeOf("setInterval(() => {}, 1000)"), { timeoutMs: limitMs })
      expect(summary(problems)).toEqual(["snippet README.md:3"])
      const [, limit] = /did not finish within (\d+) ms/.exec(problems[0]!.message) ?? []
      expect(Number(limit)).toBeGreaterThanOrEqual(limitMs)
    }))
})
