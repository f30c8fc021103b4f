import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import {
  checkCommands,
  checkDocs,
  checkImages,
  checkLinks,
  checkMirror,
  formatProblem,
  readDocs,
} from "../../scripts/docs/check.ts"
import { checkCommand, readRepoCommands, shellCommands } from "../../scripts/docs/commands.ts"
import { parseMarkdown } from "../../scripts/docs/markdown.ts"
import { appendTo, BACKSTOP_MS, copyFixture, images, picture, replaceIn, repo, summary } from "./fixture.ts"

describe("parseMarkdown", () => {
  it("finds fenced blocks with their line, language and flags", () => {
    const { blocks, unclosed } = parseMarkdown(
      ["# t", "```ts no-run", "const a = 1", "```", "", "  ~~~~text", "  indented", "  ~~~~", "```sh"].join("\n"),
    )
    expect(blocks.map(({ line, lang, flags, code }) => ({ line, lang, flags, code }))).toEqual([
      { line: 2, lang: "ts", flags: ["no-run"], code: "const a = 1" },
      { line: 6, lang: "text", flags: [], code: "indented" },
      { line: 9, lang: "sh", flags: [], code: "" },
    ])
    expect(unclosed).toEqual([9])
  })
})

describe("checkDocs on the repository", { timeout: BACKSTOP_MS }, () => {
  it("scans README.md and docs/ only, never the test fixtures", () => {
    expect(readDocs(repo).every((doc) => doc.path === "README.md" || doc.path.startsWith("docs/"))).toBe(true)
  })

  it.live("passes with an empty docs/ and no README.md", () =>
    Effect.gen(function* () {
      const root = copyFixture("empty", (root) => {
        rmSync(join(root, "docs"), { recursive: true })
        rmSync(join(root, "README.md"))
        mkdirSync(join(root, "docs"))
      })
      expect(yield* checkDocs({ root, images: Effect.succeed({}) })).toEqual([])
    }))
})

describe("checkDocs on a fixture", { timeout: BACKSTOP_MS }, () => {
  it.live("skips dot folders under docs/ (the site's config and build, docs/.vitepress/), and checks any other folder", () =>
    Effect.gen(function* () {
      const page = ["# Notes", "", "[gone](missing.md)", "", "```klingon", "x", "```", ""].join("\n")
      const hidden = copyFixture("dot-folder", (root) => {
        mkdirSync(join(root, "docs/.vitepress"), { recursive: true })
        writeFileSync(join(root, "docs/.vitepress/notes.md"), page)
      })
      expect((yield* checkDocs({ root: hidden, images })).map(formatProblem)).toEqual([])
      const shown = copyFixture("plain-folder", (root) => {
        mkdirSync(join(root, "docs/vitepress"), { recursive: true })
        writeFileSync(join(root, "docs/vitepress/notes.md"), page)
      })
      const problems = yield* checkDocs({ root: shown, images })
      expect(problems.map((problem) => problem.file)).toContain("docs/vitepress/notes.md")
    }))

  it.live("passes when docs, snippets, mirror, links and pictures agree", () =>
    Effect.gen(function* () {
      const problems = yield* checkDocs({ root: copyFixture("good"), images })
      expect(problems.map(formatProblem)).toEqual([])
    }))

  it.live("fails on a stale snippet: the code changed, the printed value in the docs did not", () =>
    Effect.gen(function* () {
      const root = copyFixture("stale-output", (root) => {
        replaceIn(root, "src/index.ts", "n * 2", "n * 3")
      })
      const problems = yield* checkDocs({ root, images })
      expect(summary(problems)).toEqual(["output docs/01-intro.md:8", "output docs/ko/01-intro.md:8"])
      expect(problems[0]!.message).toBe(`printed "63" but the block says // => 42`)
    }))

  it.live("fails on a stale snippet or example: an export the docs and a doc comment use was renamed", () =>
    Effect.gen(function* () {
      const root = copyFixture("stale-api", (root) => {
        replaceIn(root, "src/index.ts", "export const double", "export const twice")
      })
      const problems = yield* checkDocs({ root, images, run: false })
      expect(summary(problems)).toEqual([
        "snippet docs/01-intro.md:6",
        "snippet docs/01-intro.md:16",
        "snippet docs/ko/01-intro.md:6",
        "snippet docs/ko/01-intro.md:16",
        "example src/index.ts:6",
      ])
      expect(problems[0]!.message).toMatch(/TS2724|TS2305/)
      expect(problems[0]!.message).toContain("double")
    }))

  it("fails when a Korean twin's code block differs, naming the first difference", () => {
    const root = copyFixture("mirror", (root) => {
      replaceIn(root, "docs/ko/01-intro.md", "setInterval(() => double(1), 1000)", "setInterval(() => double(2), 1000)")
    })
    const problems = checkMirror(readDocs(root))
    expect(summary(problems)).toEqual(["mirror docs/ko/01-intro.md:18"])
    expect(problems[0]!.message).toContain("code block #2 differs from docs/01-intro.md:18: ")
  })

  it("fails when a Korean twin of any page is missing, or has a block with another tag", () => {
    const missing = copyFixture("mirror-missing", (root) => rmSync(join(root, "docs/ko/01-intro.md")))
    expect(checkMirror(readDocs(missing)).map(formatProblem)).toEqual([
      "docs/01-intro.md: [mirror] has no Korean twin: docs/ko/01-intro.md is missing",
    ])
    // Every page, not only the numbered walkthroughs: a reference page needs its twin too.
    const reference = copyFixture(
      "mirror-reference",
      (root) => writeFileSync(join(root, "docs/reference.md"), "# ref\n"),
    )
    expect(checkMirror(readDocs(reference)).map(formatProblem)).toEqual([
      "docs/reference.md: [mirror] has no Korean twin: docs/ko/reference.md is missing",
    ])
    const retagged = copyFixture(
      "mirror-tag",
      (root) => replaceIn(root, "docs/ko/01-intro.md", "```ts no-run", "```ts"),
    )
    expect(checkMirror(readDocs(retagged)).map(formatProblem)).toEqual([
      "docs/ko/01-intro.md:15: [mirror] code block #2 is ```ts but docs/01-intro.md:15 is ```ts no-run",
    ])
    const extra = copyFixture("mirror-extra", (root) => appendTo(root, "docs/ko/01-intro.md", "\n```json\n{}\n```\n"))
    expect(summary(checkMirror(readDocs(extra)))).toEqual(["mirror docs/ko/01-intro.md:27"])
  })

  it("fails on a stale or missing picture, with the fix in the message", () => {
    const root = copyFixture("image")
    const [stale] = checkImages(root, { "pic.svg": picture.replace("fixture", "redrawn") })
    expect(formatProblem(stale!)).toBe(
      "docs/images/pic.svg:2: [image] stale picture: it differs from what renderDocImages() draws now; run npm run docs:images",
    )
    expect(checkImages(root, { "new.svg": "<svg />" }).map(formatProblem)).toEqual([
      "docs/images/new.svg: [image] missing picture; run npm run docs:images",
    ])
    expect(checkImages(root, { "pic.svg": picture })).toEqual([])
  })

  it("fails on a relative link to a file that does not exist", () => {
    const root = copyFixture("links", (root) => {
      appendTo(root, "docs/ko/01-intro.md", "\nSee [the tests](../../test/missing.test.ts) and `[not](a-link.md)`.\n")
    })
    expect(checkLinks(root, readDocs(root)).map(formatProblem)).toEqual([
      "docs/ko/01-intro.md:27: [link] broken link: ../../test/missing.test.ts (no file at test/missing.test.ts)",
    ])
  })
})

describe("blocks that are not TypeScript are checked too", { timeout: BACKSTOP_MS }, () => {
  it("splits shell lines into commands: comments dropped, && split, VAR=value prefixes dropped", () => {
    expect(shellCommands("npm ci && npm start   # the tour\nMYSQL_URL='mysql://a b' npm start -- sync --json"))
      .toEqual([
        { offset: 1, argv: ["npm", "ci"] },
        { offset: 1, argv: ["npm", "start"] },
        { offset: 2, argv: ["npm", "start", "--", "sync", "--json"] },
      ])
  })

  it("knows the repository's scripts, tasks, paths and the CLI's commands and flags", () => {
    const commands = readRepoCommands(repo)
    const problems = (line: string) => checkCommand(commands, shellCommands(line)[0]!.argv)
    expect(problems("npm start -- sync --strategy bulk --batch-size 100 --json")).toEqual([])
    expect(problems("npm start -- sync --poool 5")).toEqual(["poolwise sync has no flag --poool"])
    // --log-level is each command's own; --help is @effect/cli's, unlisted in the help but taken by every command.
    expect(problems("npm start -- runner --log-level debug --help")).toEqual([])
    expect(problems("npm start -- deploy")).toEqual([`the CLI has no command "deploy"`])
    expect(problems("npm run docs:check")).toEqual([])
    expect(problems("npm run docs:chek")).toEqual([`no npm script "docs:chek"`])
    expect(problems("npx deno task test")).toEqual([])
    expect(problems("npx vitest run test/nowhere")).toEqual(["no file or folder at test/nowhere"])
    expect(problems("curl http://example")[0]).toContain("not a command the docs checker knows")
  })

  it("fails on a shell command that does not exist, a js block that does not parse, a block in an unchecked language", () => {
    const root = copyFixture("commands", (root) => {
      appendTo(
        root,
        "README.md",
        [
          "",
          "```sh",
          "npm run missing-script",
          "```",
          "",
          "```js",
          "await Promise.all([1, 2",
          "```",
          "",
          "```ruby",
          "puts 1",
          "```",
          "",
        ]
          .join("\n"),
      )
    })
    const problems = checkCommands(root, readDocs(root))
    expect(problems.map((p) => p.message)).toEqual([
      `no npm script "missing-script"`,
      expect.stringContaining("expected"),
      "a `ruby` block is checked by nothing: tag it ts, sh, js, sql or text",
    ])
  })
})
