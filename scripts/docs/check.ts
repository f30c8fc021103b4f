/**
 * The docs checker behind `npm run docs:check`. Each check returns the
 * problems it found; {@link checkDocs} runs them all. Nothing here throws on a
 * docs problem: a problem is data, with the file and line to fix.
 *
 * Conventions for docs writers:
 *
 * - A fenced block tagged `ts` or `typescript` in README.md or docs/**\/*.md is a
 *   self-contained module. It may import from "poolwise" or "poolwise/<entry>"
 *   (mapped to src/index.ts, src/<entry>/index.ts). It is type-checked with
 *   the repo's tsconfig (unused names allowed) and run; throwing, rejecting or
 *   setting a non-zero exit code fails (snippets.ts, run.ts).
 * - `ts no-run` blocks are type-checked only (they need a database, or never end).
 * - `console.log(x) // => 42`, or a `// => 42` line right after a
 *   `console.log(...)`, asserts what that call prints: the printed text, or
 *   the value as JSON (`// => [2, 4, 6]`, `// => {"a":1}`).
 * - `ts` blocks in doc comments under src/ (the `@example`s) are type-checked
 *   too (examples.ts).
 * - `sh` blocks: every command must exist (npm scripts, deno tasks, the CLI's
 *   commands and flags, paths); `js` blocks must parse; `sql` blocks run on a
 *   real server in test/integration/docsSql.test.ts; `text` blocks are output
 *   samples. A block in any other language is a problem (commands.ts).
 * - docs/ko/name.md mirrors every docs/name.md: same code blocks, in order,
 *   byte for byte (language tag included) (mirror.ts).
 * - Relative links must point at files that exist; docs/images/*.svg must
 *   equal what `renderDocImages()` draws now (links.ts).
 */
import { Effect } from "effect"
import { resolve } from "node:path"
import { checkCommands } from "./commands.ts"
import { collectExamples } from "./examples.ts"
import { renderDocImages } from "./images.ts"
import { checkImages, checkLinks } from "./links.ts"
import { checkMirror } from "./mirror.ts"
import { checkFences, type DocFile, readDocs } from "./pages.ts"
import { byPlace, type Problem } from "./problem.ts"
import { makeSnippetRunners, type RunOptions } from "./run.ts"
import { collectSnippets } from "./snippets.ts"
import { typeCheck, writeSnippets } from "./typecheck.ts"

// The checker's public face: every check, for the tests and for docsSql.test.ts.
export { checkCommands } from "./commands.ts"
export { checkImages, checkLinks } from "./links.ts"
export { checkMirror } from "./mirror.ts"
export { checkFences, type DocFile, readDocs } from "./pages.ts"
export { formatProblem, type Problem } from "./problem.ts"
export { instrument } from "./snippets.ts"

export interface SnippetOptions extends RunOptions {
  /** Run the `ts` blocks after type-checking them. Default true. */
  readonly run?: boolean | undefined
  /** Also type-check the `@example` blocks under src/. Default true. */
  readonly examples?: boolean | undefined
}

export interface CheckOptions extends SnippetOptions {
  /** The repository (or fixture) root. */
  readonly root: string
  /** The pictures docs/images/ must hold. Default: {@link renderDocImages}. */
  readonly images?: Effect.Effect<Record<string, string>> | undefined
}

/**
 * Type-checks every `ts` block of the docs and every example under src/ (one
 * tsc run), then runs the runnable blocks that type-check (run.ts).
 */
export const checkSnippets = (
  root: string,
  docs: ReadonlyArray<DocFile>,
  options: SnippetOptions = {},
): Effect.Effect<Array<Problem>> =>
  Effect.gen(function* () {
    const { examples, problems } = options.examples === false ? { examples: [], problems: [] } : collectExamples(root)
    const snippets = [...collectSnippets(root, docs), ...examples]
    if (snippets.length === 0) return problems.sort(byPlace)
    const dir = writeSnippets(root, snippets)
    const candidates = options.run === false ? [] : snippets.filter((snippet) => snippet.run)
    // The runners load the kit while tsc type-checks.
    const runners = candidates.length === 0 ? undefined : yield* makeSnippetRunners(
      root,
      dir,
      [...new Set(candidates.flatMap((snippet) => snippet.entries))],
      options,
    )
    const typed = yield* typeCheck(root, dir, snippets)
    // A block that does not type-check is not run: one problem per mistake.
    const runs = runners === undefined
      ? []
      : yield* runners.run(candidates.filter((snippet) => !typed.broken.has(snippet.name)))
    return [...problems, ...typed.problems, ...runs].sort(byPlace)
  }).pipe(Effect.scoped)

/** Every check, on the docs under `root`. An empty list means the docs are in sync. */
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
