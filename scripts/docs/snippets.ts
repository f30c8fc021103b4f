/**
 * TypeScript code in the docs becomes modules the checker can type-check and
 * run: every `ts`/`typescript` block of README.md and docs/ (a "snippet"), and
 * every `ts` block in a doc comment under src/ (an "example", see examples.ts).
 *
 * - A module may import "poolwise" or "poolwise/<entry>"; the import is
 *   rewritten to src/index.ts or src/<entry>/index.ts.
 * - `console.log(x) // => 42`, or a `// => 42` line right after a
 *   `console.log(...)`, asserts what that call prints: the printed text, or
 *   the value as JSON (`// => [2, 4, 6]`, `// => {"a":1}`).
 * - Lines stay where they are, so tsc and stack traces point at the right line
 *   of the Markdown or source file.
 */
import { join, relative } from "node:path"
import type { DocFile } from "./pages.ts"
import { type Problem, toPosix } from "./problem.ts"

/** Where a block appears (a block repeated in docs/ko is checked once, reported at each place). */
export interface Place {
  readonly file: string
  /** The line of the opening fence; the block's line n is `line + n`. */
  readonly line: number
}

export interface Snippet {
  /** Docs blocks report as `snippet`, doc-comment examples as `example`. */
  readonly kind: "snippet" | "example"
  readonly places: Array<Place>
  readonly run: boolean
  /** The generated module, relative to the snippet directory. */
  readonly name: string
  readonly source: string
  /** Expected output of the `console.log` on each (1-based, block-relative) line. */
  readonly expected: Map<number, string>
  /** The kit's entry files it imports (absolute paths). */
  readonly entries: ReadonlyArray<string>
}

/** Where the generated modules go, relative to the root (git ignores .tmp/). */
export const SNIPPET_DIR = ".tmp/docs-check"

const ASSERTION = /\/\/\s*=>\s*(.*)$/
const CONSOLE_LOG = "console.log("

/**
 * Finds the `// => …` assertions of a block and rewrites each asserted
 * `console.log(` to `__docsLog(<line>, ` so the printed value can be matched
 * to its line.
 */
export const instrument = (code: string): { readonly code: string; readonly expected: Map<number, string> } => {
  const lines = code.split("\n")
  const expected = new Map<number, string>()
  lines.forEach((text, i) => {
    const assertion = ASSERTION.exec(text)
    if (assertion === null) return
    let at = i
    if (!text.includes(CONSOLE_LOG)) {
      if (!/^\s*\/\//.test(text)) return
      at = i - 1
      while (at >= 0 && !lines[at]!.includes(CONSOLE_LOG)) at--
      if (at < 0 || expected.has(at + 1)) return
    }
    expected.set(at + 1, assertion[1]!.trim())
  })
  for (const line of expected.keys()) {
    lines[line - 1] = lines[line - 1]!.replace(CONSOLE_LOG, `__docsLog(${line}, `)
  }
  return { code: lines.join("\n"), expected }
}

// The runner (runner.ts) sets `__docsRecord`; without it the module still runs
// on its own with tsx, printing as console.log would.
const LOGGER = [
  `function __docsLog(line: number, ...args: Array<unknown>): void {`,
  `  const record = (globalThis as { __docsRecord?: (line: number, args: Array<unknown>) => void }).__docsRecord`,
  `  if (record === undefined) console.log(...args)`,
  `  else record(line, args)`,
  `}`,
].join("\n")

const POOLWISE = /((?:\bfrom|\bimport)\s*\(?\s*)(["'])poolwise(\/[a-z]+)?\2/g

/** A module name for a block: its file and line, as a file name. */
const moduleName = (place: Place): string => `${place.file.replace(/[^A-Za-z0-9-]+/g, "_")}-${place.line}.ts`

/**
 * Collects blocks into snippets: one module per distinct (code, run) pair,
 * with the places it appears at.
 */
export const makeSnippets = (
  root: string,
  blocks: ReadonlyArray<{ readonly place: Place; readonly code: string; readonly run: boolean }>,
  kind: Snippet["kind"],
): Array<Snippet> => {
  const entryOf = (subpath: string | undefined) => join(root, "src", subpath ?? "", "index.ts")
  const bySource = new Map<string, Snippet>()
  for (const { place, code: original, run } of blocks) {
    const entries = new Set<string>()
    const rewritten = original.replace(POOLWISE, (_, lead: string, quote: string, subpath: string | undefined) => {
      const entry = entryOf(subpath)
      entries.add(entry)
      return `${lead}${quote}${toPosix(relative(join(root, SNIPPET_DIR), entry))}${quote}`
    })
    const { code, expected } = instrument(rewritten)
    const source = [code, "export {}", ...(expected.size > 0 ? [LOGGER] : []), ""].join("\n")
    const key = `${run}\n${source}`
    const known = bySource.get(key)
    if (known !== undefined) known.places.push(place)
    else {bySource.set(key, {
        kind,
        places: [place],
        run,
        name: moduleName(place),
        source,
        expected,
        entries: [...entries],
      })}
  }
  return [...bySource.values()]
}

/** Every `ts`/`typescript` block of the docs; `ts no-run` blocks are type-checked only. */
export const collectSnippets = (root: string, docs: ReadonlyArray<DocFile>): Array<Snippet> =>
  makeSnippets(
    root,
    docs.flatMap((doc) =>
      doc.blocks
        .filter((block) => block.lang === "ts" || block.lang === "typescript")
        .map((block) => ({
          place: { file: doc.path, line: block.line },
          code: block.code,
          run: !block.flags.includes("no-run"),
        }))
    ),
    "snippet",
  )

/** One problem per place of `snippet`; `line` is block-relative (undefined: the fence line). */
export const problemsAt = (
  snippet: Snippet,
  check: Problem["check"],
  line: number | undefined,
  message: string,
): Array<Problem> =>
  snippet.places.map((place) => ({
    check,
    file: place.file,
    line: line === undefined ? place.line : place.line + line,
    message,
  }))
