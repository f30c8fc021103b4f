/**
 * The docs checker behind `npm run docs:check`. Each check returns the
 * problems it found; {@link checkDocs} runs them all. Nothing here throws on a
 * docs problem: a problem is data, with the file and line to fix.
 *
 * Conventions for docs writers:
 *
 * - A fenced block tagged `ts` or `typescript` in README.md or docs/**\/*.md is a
 *   self-contained module. It may import from "poolwise" (mapped to
 *   src/index.ts). It is type-checked with the repo's tsconfig (unused names
 *   allowed) and run with tsx under a time limit; throwing or exiting non-zero
 *   fails.
 * - `ts no-run` blocks are type-checked only (they need a database, or never end).
 * - `console.log(x) // => 42`, or a `// => 42` line right after a
 *   `console.log(...)`, asserts what that call prints: the printed text, or
 *   the value as JSON (`// => [2, 4, 6]`, `// => {"a":1}`).
 * - `sh` blocks: every command must exist (npm scripts, deno tasks, the CLI's
 *   commands and flags, paths); `js` blocks must parse; `sql` blocks run on a
 *   real server in test/integration/docsSql.test.ts; `text` blocks are output
 *   samples. A block in any other language is a problem (scripts/docs/commands.ts).
 * - docs/ko/name.md mirrors every docs/name.md: same code blocks, in order,
 *   byte for byte (language tag included).
 * - Relative links must point at files that exist.
 * - docs/images/*.svg must equal what `renderDocImages()` draws now.
 */
import { Effect } from "effect"
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, posix, relative, resolve, sep } from "node:path"
import { pathToFileURL } from "node:url"
import { isDeepStrictEqual } from "node:util"
import { pooled } from "poolwise"
import { checkedLanguages, checkJsBlock, checkShellBlock, readRepoCommands } from "./commands.ts"
import { IMAGES_DIR, renderDocImages } from "./images.ts"
import { type CodeBlock, linkTargets, localPath, parseMarkdown } from "./markdown.ts"

/** One thing to fix. `file` is relative to the root, with `/` separators. */
export interface Problem {
  readonly check: "snippet" | "output" | "mirror" | "image" | "link" | "markdown" | "command"
  readonly file: string
  readonly line?: number | undefined
  readonly message: string
}

/** `docs/01-intro.md:12: [snippet] …` */
export const formatProblem = (problem: Problem): string =>
  `${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}: [${problem.check}] ${problem.message}`

/** A Markdown file under the root, parsed. */
export interface DocFile {
  /** Relative to the root, with `/` separators. */
  readonly path: string
  readonly blocks: ReadonlyArray<CodeBlock>
  readonly unclosed: ReadonlyArray<number>
  readonly prose: ReadonlyArray<string>
}

export interface CheckOptions {
  /** The repository (or fixture) root. */
  readonly root: string
  /** The pictures docs/images/ must hold. Default: {@link renderDocImages}. */
  readonly images?: Effect.Effect<Record<string, string>> | undefined
  /** Run the `ts` blocks after type-checking them. Default true. */
  readonly run?: boolean | undefined
  /** Time limit per block run, in ms. Default 20 000. */
  readonly timeoutMs?: number | undefined
  /** Blocks run at once. Default 4. */
  readonly concurrency?: number | undefined
}

const toPosix = (path: string): string => path.split(sep).join("/")

const require = createRequire(import.meta.url)
const TSC = require.resolve("typescript/bin/tsc")
const TSX = pathToFileURL(require.resolve("tsx")).href

/** README.md (if any) and every .md file under docs/, sorted, parsed. */
export const readDocs = (root: string): Array<DocFile> => {
  const paths: Array<string> = []
  if (existsSync(join(root, "README.md"))) paths.push("README.md")
  const walk = (dir: string) => {
    if (!existsSync(join(root, dir))) return
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && entry.name.endsWith(".md")) paths.push(path)
    }
  }
  walk("docs")
  return paths.sort().map((path) => ({ path, ...parseMarkdown(readFileSync(join(root, path), "utf8")) }))
}

/** Fences that never close swallow the rest of the file: report them. */
export const checkFences = (docs: ReadonlyArray<DocFile>): Array<Problem> =>
  docs.flatMap((doc) =>
    doc.unclosed.map((line): Problem => ({
      check: "markdown",
      file: doc.path,
      line,
      message: "code fence is never closed",
    }))
  )

// --- c. docs/ko mirrors docs ---------------------------------------------------

const describeBlock = (block: CodeBlock): string => `\`\`\`${block.info}`

const firstDifferentLine = (a: string, b: string): number => {
  const left = a.split("\n")
  const right = b.split("\n")
  let i = 0
  while (i < left.length && i < right.length && left[i] === right[i]) i++
  return i
}

/**
 * For every page directly in docs/ (the walkthroughs, the index, the
 * reference pages) there is a docs/ko/ page of the same name and the other way
 * round, and both hold the same code blocks in the same order.
 */
export const checkMirror = (docs: ReadonlyArray<DocFile>): Array<Problem> => {
  const byPath = new Map(docs.map((doc) => [doc.path, doc]))
  const problems: Array<Problem> = []
  const pages = (dir: string) => docs.filter((doc) => posix.dirname(doc.path) === dir && doc.path.endsWith(".md"))
  for (const en of pages("docs")) {
    const koPath = `docs/ko/${posix.basename(en.path)}`
    const ko = byPath.get(koPath)
    if (ko === undefined) {
      problems.push({ check: "mirror", file: en.path, message: `has no Korean twin: ${koPath} is missing` })
      continue
    }
    const count = Math.max(en.blocks.length, ko.blocks.length)
    for (let i = 0; i < count; i++) {
      const a = en.blocks[i]
      const b = ko.blocks[i]
      if (a !== undefined && b !== undefined && a.info === b.info && a.code === b.code) continue
      if (a === undefined) {
        problems.push({
          check: "mirror",
          file: ko.path,
          line: b!.line,
          message: `code block #${i + 1} (${describeBlock(b!)}) has no counterpart in ${en.path}`,
        })
      } else if (b === undefined) {
        problems.push({
          check: "mirror",
          file: en.path,
          line: a.line,
          message: `code block #${i + 1} (${describeBlock(a)}) has no counterpart in ${ko.path}`,
        })
      } else if (a.info !== b.info) {
        problems.push({
          check: "mirror",
          file: ko.path,
          line: b.line,
          message: `code block #${i + 1} is ${describeBlock(b)} but ${en.path}:${a.line} is ${describeBlock(a)}`,
        })
      } else {
        const offset = firstDifferentLine(a.code, b.code)
        problems.push({
          check: "mirror",
          file: ko.path,
          line: b.line + 1 + offset,
          message: `code block #${i + 1} differs from ${en.path}:${a.line + 1 + offset}: ${
            JSON.stringify(b.code.split("\n")[offset] ?? "")
          } vs ${JSON.stringify(a.code.split("\n")[offset] ?? "")}`,
        })
      }
      break
    }
  }
  for (const ko of pages("docs/ko")) {
    const enPath = `docs/${posix.basename(ko.path)}`
    if (!byPath.has(enPath)) {
      problems.push({ check: "mirror", file: ko.path, message: `has no English twin: ${enPath} is missing` })
    }
  }
  return problems
}

// --- e. relative links ----------------------------------------------------------

/** Relative links and images point at files or directories that exist. */
export const checkLinks = (root: string, docs: ReadonlyArray<DocFile>): Array<Problem> =>
  docs.flatMap((doc) =>
    linkTargets(doc.prose).flatMap(({ line, target }): Array<Problem> => {
      const path = localPath(target)
      if (path === undefined) return []
      const resolved = path.startsWith("/") ? join(root, path) : join(root, posix.dirname(doc.path), path)
      return existsSync(resolved) ? [] : [{
        check: "link",
        file: doc.path,
        line,
        message: `broken link: ${target} (no file at ${toPosix(relative(root, resolved))})`,
      }]
    })
  )

// --- d. pictures ----------------------------------------------------------------

/** The committed pictures equal `expected` (by file name under docs/images/). */
export const checkImages = (root: string, expected: Record<string, string>): Array<Problem> =>
  Object.entries(expected).flatMap(([name, svg]): Array<Problem> => {
    const file = `${IMAGES_DIR}/${name}`
    const path = join(root, file)
    if (!existsSync(path)) {
      return [{ check: "image", file, message: "missing picture; run npm run docs:images" }]
    }
    const committed = readFileSync(path, "utf8")
    if (committed === svg) return []
    return [{
      check: "image",
      file,
      line: firstDifferentLine(committed, svg) + 1,
      message: "stale picture: it differs from what renderDocImages() draws now; run npm run docs:images",
    }]
  })

const byPlace = (a: Problem, b: Problem): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)

// --- a, b. ts blocks ------------------------------------------------------------

/** Where a block appears (a block repeated in docs/ko is checked once, reported at each place). */
interface Place {
  readonly file: string
  readonly line: number
}

interface Snippet {
  readonly places: Array<Place>
  readonly run: boolean
  /** The generated module, relative to the snippet directory. */
  readonly name: string
  readonly source: string
  /** Expected output of the `console.log` on each (1-based, block-relative) line. */
  readonly expected: Map<number, string>
}

const ASSERTION = /\/\/\s*=>\s*(.*)$/
const CONSOLE_LOG = "console.log("

/**
 * Finds the `// => …` assertions of a block and rewrites each asserted
 * `console.log(` to `__docsLog(<line>, ` so the printed value can be matched
 * to its line. Lines are kept where they are, so tsc and stack traces point
 * at the right Markdown line.
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

const MARKER = "\u0000docs-check:"

const LOGGER = [
  `import { format as __docsFormat } from "node:util"`,
  `function __docsLog(line: number, ...args: Array<unknown>): void {`,
  `  let json: string | undefined`,
  `  try {`,
  `    json = JSON.stringify(args.length === 1 ? args[0] : args)`,
  `  } catch {`,
  `    json = undefined`,
  `  }`,
  `  process.stdout.write(${
    JSON.stringify(MARKER)
  } + JSON.stringify({ line, text: __docsFormat(...args), json }) + "\\n")`,
  `}`,
].join("\n")

const POOLWISE = /((?:\bfrom|\bimport)\s*\(?\s*)(["'])poolwise(\/[a-z]+)?\2/g

const SNIPPET_DIR = ".tmp/docs-check"

/** Turns every `ts`/`typescript` block into a module under `.tmp/docs-check`. */
export const collectSnippets = (root: string, docs: ReadonlyArray<DocFile>): Array<Snippet> => {
  // "poolwise" is src/index.ts; "poolwise/sync" is src/sync/index.ts, and so on.
  const entry = (subpath: string | undefined) =>
    toPosix(relative(join(root, SNIPPET_DIR), join(root, "src", subpath ?? "", "index.ts")))
  const bySource = new Map<string, Snippet>()
  for (const doc of docs) {
    for (const block of doc.blocks) {
      if (block.lang !== "ts" && block.lang !== "typescript") continue
      const run = !block.flags.includes("no-run")
      const { code, expected } = instrument(block.code.replace(
        POOLWISE,
        (_, lead: string, quote: string, subpath: string | undefined) => `${lead}${quote}${entry(subpath)}${quote}`,
      ))
      const source = [code, "export {}", ...(expected.size > 0 ? [LOGGER] : []), ""].join("\n")
      const key = `${run}\n${source}`
      const place = { file: doc.path, line: block.line }
      const known = bySource.get(key)
      if (known !== undefined) known.places.push(place)
      else {
        const name = `${doc.path.replace(/[^A-Za-z0-9-]+/g, "_")}-${block.line}.ts`
        bySource.set(key, { places: [place], run, name, source, expected })
      }
    }
  }
  return [...bySource.values()]
}

interface ExecResult {
  readonly code: number
  readonly timedOut: boolean
  readonly stdout: string
  readonly stderr: string
}

// Snippets run on Node with tsx, also when the checker itself runs under Deno
// (deno task test): the same runner gives the same stack lines everywhere.
const NODE = "deno" in process.versions ? "node" : process.execPath

const exec = (args: ReadonlyArray<string>, cwd: string, timeoutMs?: number): Effect.Effect<ExecResult> =>
  Effect.async<ExecResult>((resume) => {
    const child = execFile(
      NODE,
      args,
      { cwd, timeout: timeoutMs ?? 0, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1
        resume(Effect.succeed({ code, timedOut: error?.killed === true, stdout, stderr }))
      },
    )
    return Effect.sync(() => child.kill("SIGKILL"))
  })

const snippetTsconfig = (root: string): string => {
  const base = join(root, "tsconfig.json")
  const fallback = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022"],
    types: ["node"],
    strict: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
  }
  return JSON.stringify(
    {
      ...(existsSync(base) ? { extends: toPosix(relative(join(root, SNIPPET_DIR), base)) } : {}),
      compilerOptions: {
        ...(existsSync(base) ? {} : fallback),
        noEmit: true,
        // A snippet shows values it does not use (`const dataLast = …`).
        noUnusedLocals: false,
        noUnusedParameters: false,
      },
      include: ["*.ts"],
    },
    null,
    2,
  )
}

const at = (snippet: Snippet, check: Problem["check"], line: number | undefined, message: string): Array<Problem> =>
  snippet.places.map((place) => ({
    check,
    file: place.file,
    line: line === undefined ? place.line : place.line + line,
    message,
  }))

const TSC_ERROR = /^(.+?)\((\d+),(\d+)\): (error .*)$/

/** Type-checks every snippet with one tsc run; `broken` names the snippets with errors. */
const typeCheck = (
  root: string,
  dir: string,
  snippets: ReadonlyArray<Snippet>,
): Effect.Effect<{ readonly problems: Array<Problem>; readonly broken: Set<string> }> =>
  Effect.map(exec([TSC, "-p", "tsconfig.json", "--pretty", "false"], dir), (result) => {
    const problems: Array<Problem> = []
    const broken = new Set<string>()
    if (result.code === 0) return { problems, broken }
    const byName = new Map(snippets.map((snippet) => [snippet.name, snippet]))
    for (const text of result.stdout.split("\n")) {
      const error = TSC_ERROR.exec(text)
      if (error === null) continue
      const [, file, line, , message] = error as unknown as [string, string, string, string, string]
      const path = resolve(dir, file)
      const snippet = dirname(path) === dir ? byName.get(posix.basename(toPosix(path))) : undefined
      if (snippet !== undefined) {
        broken.add(snippet.name)
        problems.push(...at(snippet, "snippet", Number(line), message))
      } else {
        problems.push({ check: "snippet", file: toPosix(relative(root, path)), line: Number(line), message })
      }
    }
    if (problems.length === 0) {
      problems.push({ check: "snippet", file: SNIPPET_DIR, message: `tsc failed:\n${result.stdout}${result.stderr}` })
    }
    return { problems, broken }
  })

/** A failed run's stderr without Node's own stack frames and banner, for the message. */
const tail = (text: string, lines = 8): string =>
  text.split("\n")
    .filter((line) => line.trim() !== "" && !line.includes("node:internal") && !line.startsWith("Node.js v"))
    .slice(-lines)
    .join("\n")

const matchesExpected = (expected: string, printed: { readonly text: string; readonly json?: string }): boolean => {
  const squash = (s: string) => s.replace(/\s+/g, " ").trim()
  if (squash(printed.text) === squash(expected)) return true
  if (printed.json === undefined) return false
  try {
    return isDeepStrictEqual(JSON.parse(expected), JSON.parse(printed.json))
  } catch {
    return false
  }
}

/** Runs one snippet and checks its exit code and asserted output. */
const runSnippet = (root: string, dir: string, snippet: Snippet, timeoutMs: number): Effect.Effect<Array<Problem>> =>
  Effect.map(exec(["--import", TSX, join(dir, snippet.name)], root, timeoutMs), (result) => {
    if (result.timedOut) {
      return at(
        snippet,
        "snippet",
        undefined,
        `block did not finish within ${timeoutMs} ms (tag it \`ts no-run\` if it is not meant to end)`,
      )
    }
    if (result.code !== 0) {
      const where = new RegExp(`${snippet.name.replace(/[.]/g, "\\.")}:(\\d+)`).exec(result.stderr)
      return at(
        snippet,
        "snippet",
        where === null ? undefined : Number(where[1]),
        `block failed (exit code ${result.code}):\n${tail(result.stderr)}`,
      )
    }
    const printed = new Map<number, { readonly text: string; readonly json?: string }>()
    for (const line of result.stdout.split("\n")) {
      const start = line.indexOf(MARKER)
      if (start === -1) continue
      const record = JSON.parse(line.slice(start + MARKER.length))
      if (!printed.has(record.line)) printed.set(record.line, record)
    }
    return [...snippet.expected].flatMap(([line, expected]) => {
      const actual = printed.get(line)
      if (actual === undefined) return at(snippet, "output", line, `console.log never ran; expected ${expected}`)
      return matchesExpected(expected, actual)
        ? []
        : at(snippet, "output", line, `printed ${JSON.stringify(actual.text)} but the block says // => ${expected}`)
    })
  })

/**
 * Type-checks every `ts` block (one tsc run) and runs the runnable ones with
 * tsx, `concurrency` at a time.
 */
export const checkSnippets = (
  root: string,
  docs: ReadonlyArray<DocFile>,
  options: {
    readonly run?: boolean | undefined
    readonly timeoutMs?: number | undefined
    readonly concurrency?: number | undefined
  } = {},
): Effect.Effect<Array<Problem>> =>
  Effect.gen(function* () {
    const dir = join(root, SNIPPET_DIR)
    rmSync(dir, { recursive: true, force: true })
    const snippets = collectSnippets(root, docs)
    if (snippets.length === 0) return []
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, "tsconfig.json"), snippetTsconfig(root))
    for (const snippet of snippets) writeFileSync(join(dir, snippet.name), snippet.source)
    const typed = yield* typeCheck(root, dir, snippets)
    if (options.run === false) return typed.problems.sort(byPlace)
    // A block that does not type-check is not run: one problem per mistake.
    const runnable = snippets.filter((snippet) => snippet.run && !typed.broken.has(snippet.name))
    const runs = yield* pooled(runnable, (snippet) => runSnippet(root, dir, snippet, options.timeoutMs ?? 20_000), {
      concurrency: options.concurrency ?? 4,
    }).pipe(Effect.orDie)
    return [...typed.problems, ...runs.flat()].sort(byPlace)
  })

/** Every check, on the docs under `root`. An empty list means the docs are in sync. */
/**
 * The blocks that are not TypeScript: `sh` commands must exist (scripts,
 * tasks, CLI commands and flags, paths), `js` must parse, and no block may
 * use a language nothing checks. (`sql` blocks run in test/integration.)
 */
export const checkCommands = (root: string, docs: ReadonlyArray<DocFile>): Array<Problem> => {
  const repo = readRepoCommands(root)
  return docs.flatMap((doc) =>
    doc.blocks.flatMap((block): Array<Problem> => {
      const at = (offset: number, message: string): Problem => ({
        check: "command",
        file: doc.path,
        line: block.line + offset,
        message,
      })
      if (!checkedLanguages.has(block.lang)) {
        return [at(0, `a \`${block.lang || "untagged"}\` block is checked by nothing: tag it ts, sh, js, sql or text`)]
      }
      const found = block.lang === "sh" ? checkShellBlock(repo, block) : block.lang === "js" ? checkJsBlock(block) : []
      return found.map((problem) => at(problem.offset, problem.message))
    })
  )
}

export const checkDocs = (options: CheckOptions): Effect.Effect<ReadonlyArray<Problem>> =>
  Effect.gen(function* () {
    const root = resolve(options.root)
    const docs = readDocs(root)
    const images = yield* (options.images ?? renderDocImages)
    const snippets = yield* checkSnippets(root, docs, options)
    return [
      ...checkFences(docs),
      ...snippets,
      ...checkMirror(docs),
      ...checkImages(root, images),
      ...checkLinks(root, docs),
      ...checkCommands(root, docs),
    ]
  })
