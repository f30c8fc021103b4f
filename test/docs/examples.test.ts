import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { checkSnippets, formatProblem } from "../../scripts/docs/check.ts"
import { collectExamples, docComments } from "../../scripts/docs/examples.ts"
import { BACKSTOP_MS, copyFixture, replaceIn, summary } from "./fixture.ts"

const fixtureSource = readFileSync(join(import.meta.dirname, "fixtures/good/src/index.ts"), "utf8")

/** The fixture's examples only: no docs. */
const checkExamples = (root: string) => checkSnippets(root, [])

describe("the @example blocks of doc comments under src/", { timeout: BACKSTOP_MS }, () => {
  it("finds doc comments by parsing, with their first line: not a /** inside a template literal", () => {
    const comments = docComments(fixtureSource)
    expect(comments.map((comment) => comment.line)).toEqual([1, 14])
    // The comment syntax is gone and each line keeps its place: line k of a comment is line `line + k - 1`.
    expect(comments[1]!.lines).toHaveLength(10)
    expect(comments[1]!.lines.slice(3, 6)).toEqual(["  @example", "  ```ts", `  import { describe } from "poolwise"`])
  })

  it("turns each ts block of a doc comment into a module to type-check, placed at its fence", () => {
    const { examples, problems } = collectExamples(copyFixture("examples"))
    expect(problems).toEqual([])
    expect(examples.map(({ kind, places, run }) => ({ kind, places, run }))).toEqual([
      { kind: "example", places: [{ file: "src/index.ts", line: 5 }], run: false },
      { kind: "example", places: [{ file: "src/index.ts", line: 18 }], run: false },
    ])
  })

  it.live("passes when every example type-checks", () =>
    Effect.map(checkExamples(copyFixture("examples-pass")), (problems) => expect(problems).toEqual([])))

  it.live("fails on an example that no longer type-checks, at its line in the source file", () =>
    Effect.gen(function* () {
      const root = copyFixture("examples-stale", (root) => {
        replaceIn(root, "src/index.ts", "const text: string = describe.number(7)", `describe.number("7")`)
      })
      const problems = yield* checkExamples(root)
      expect(summary(problems)).toEqual(["example src/index.ts:21"])
      expect(formatProblem(problems[0]!)).toMatch(/^src\/index\.ts:21: \[example\] error TS2345: /)
    }))

  it.live("fails on a code fence a doc comment never closes", () =>
    Effect.gen(function* () {
      const root = copyFixture("examples-unclosed", (root) => replaceIn(root, "src/index.ts", " * ```\n */", " */"))
      expect((yield* checkExamples(root)).map(formatProblem)).toEqual([
        "src/index.ts:5: [example] code fence is never closed",
      ])
    }))
})
