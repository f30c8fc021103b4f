/**
 * One tsc run over every snippet and example: the kit's types are loaded once,
 * with the repository's tsconfig (unused names allowed: a snippet shows values
 * it does not use).
 */
import { Effect } from "effect"
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, posix, relative, resolve } from "node:path"
import { NODE } from "./node.ts"
import { type Problem, toPosix } from "./problem.ts"
import { problemsAt, type Snippet, SNIPPET_DIR } from "./snippets.ts"

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc")

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
        noUnusedLocals: false,
        noUnusedParameters: false,
      },
      include: ["*.ts"],
    },
    null,
    2,
  )
}

/** Writes the snippet modules and their tsconfig to a fresh `.tmp/docs-check`; returns the directory. */
export const writeSnippets = (root: string, snippets: ReadonlyArray<Snippet>): string => {
  const dir = join(root, SNIPPET_DIR)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "tsconfig.json"), snippetTsconfig(root))
  for (const snippet of snippets) writeFileSync(join(dir, snippet.name), snippet.source)
  return dir
}

const runTsc = (dir: string): Effect.Effect<{ readonly ok: boolean; readonly output: string }> =>
  Effect.async((resume) => {
    // No time limit: tsc always ends, and a busy machine only makes it slower.
    const child = execFile(
      NODE,
      [TSC, "-p", "tsconfig.json", "--pretty", "false"],
      { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resume(Effect.succeed({ ok: error === null, output: `${stdout}${stderr}` })),
    )
    return Effect.sync(() => child.kill("SIGKILL"))
  })

const TSC_ERROR = /^(.+?)\((\d+),(\d+)\): (error .*)$/

/** Type-checks every written snippet with one tsc run; `broken` names the snippets with errors. */
export const typeCheck = (
  root: string,
  dir: string,
  snippets: ReadonlyArray<Snippet>,
): Effect.Effect<{ readonly problems: Array<Problem>; readonly broken: Set<string> }> =>
  Effect.map(runTsc(dir), ({ ok, output }) => {
    const problems: Array<Problem> = []
    const broken = new Set<string>()
    if (ok) return { problems, broken }
    const byName = new Map(snippets.map((snippet) => [snippet.name, snippet]))
    for (const text of output.split("\n")) {
      const error = TSC_ERROR.exec(text)
      if (error === null) continue
      const [, file, line, , message] = error as unknown as [string, string, string, string, string]
      const path = resolve(dir, file)
      const snippet = dirname(path) === dir ? byName.get(posix.basename(toPosix(path))) : undefined
      if (snippet !== undefined) {
        broken.add(snippet.name)
        problems.push(...problemsAt(snippet, snippet.kind, Number(line), message))
      } else {
        problems.push({ check: "snippet", file: toPosix(relative(root, path)), line: Number(line), message })
      }
    }
    if (problems.length === 0) problems.push({ check: "snippet", file: SNIPPET_DIR, message: `tsc failed:\n${output}` })
    return { problems, broken }
  })
