/**
 * Checks for the code blocks that are not TypeScript:
 *
 * - `sh`: every command must be one the repo can run: an npm script or deno
 *   task that exists, a CLI command and flags the CLI accepts, a path that
 *   exists. A command the checker does not know is a problem too, so a new
 *   kind of command gets a rule here rather than going unchecked.
 * - `js`: must parse (the "before" code of the incident is JavaScript on purpose).
 * - `sql`: extracted here; run against a real server by
 *   test/integration/docsSql.test.ts.
 * - `text` blocks are output samples and pictures, not code.
 */
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { stripVTControlCharacters } from "node:util"
import ts from "typescript"
import type { CodeBlock } from "./markdown.ts"
import { NODE, TSX } from "./node.ts"
import type { DocFile } from "./pages.ts"
import type { Problem } from "./problem.ts"

/** One problem in one block: the line is the block's fence line plus `offset`. */
export interface BlockProblem {
  readonly offset: number
  readonly message: string
}

/** Splits a shell line into words, keeping quoted strings whole. */
const words = (line: string): Array<string> =>
  [...line.matchAll(/(?:'[^']*'|"[^"]*"|[^\s'"])+/g)].map((m) => m[0].replace(/'([^']*)'|"([^"]*)"/g, "$1$2"))

/** The commands of a block: comments dropped, `a && b` split, `VAR=value` prefixes dropped. */
export const shellCommands = (code: string): Array<{ readonly offset: number; readonly argv: Array<string> }> =>
  code.split("\n").flatMap((raw, i) =>
    raw.replace(/(^|\s)#.*$/, "").split("&&").map((part) => {
      const argv = words(part.trim())
      while (argv.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(argv[0]!)) argv.shift()
      return { offset: i + 1, argv }
    }).filter((command) => command.argv.length > 0)
  )

/** What the repo can run, read once per check. */
export interface RepoCommands {
  readonly root: string
  readonly npmScripts: ReadonlySet<string>
  readonly denoTasks: ReadonlySet<string>
  /** `--flag`s each CLI command accepts (its own and the global ones), from the CLI's `--help`. */
  readonly cliFlags: (command: string) => ReadonlySet<string> | undefined
}

const flagsIn = (text: string): Array<string> => [...text.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0])

/**
 * The CLI's commands and their flags, from one `--help` (one process, not one
 * per command): its OPTIONS are the global flags, and each `- name [--flag …]`
 * line under COMMANDS is a command.
 */
const readCliFlags = (root: string): Map<string, ReadonlySet<string>> => {
  const text = stripVTControlCharacters(execFileSync(NODE, ["--import", TSX, "src/cli/main.ts", "--help"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  }))
  const lines = text.split("\n")
  const section = (title: string) => {
    const start = lines.findIndex((line) => line.trim() === title)
    if (start === -1) return []
    const end = lines.findIndex((line, i) => i > start && /^[A-Z][A-Z ]+$/.test(line.trim()))
    return lines.slice(start + 1, end === -1 ? undefined : end)
  }
  // @effect/cli's own flags, which every command takes; the CLI's help does not list them (src/cli/poolwise.ts).
  const global = ["--help", "--version", ...flagsIn(section("OPTIONS").join("\n"))]
  const commands = new Map<string, ReadonlySet<string>>()
  for (const line of section("COMMANDS")) {
    const command = /^\s*- ([a-z][a-z-]*)(.*)$/.exec(line)
    if (command !== null) commands.set(command[1]!, new Set([...global, ...flagsIn(command[2]!)]))
  }
  return commands
}

export const readRepoCommands = (root: string): RepoCommands => {
  const json = <A>(file: string): Partial<A> =>
    existsSync(join(root, file)) ? JSON.parse(readFileSync(join(root, file), "utf8")) as Partial<A> : {}
  const pkg = json<{ scripts: Record<string, string> }>("package.json")
  const deno = json<{ tasks: Record<string, string> }>("deno.json")
  let cli: Map<string, ReadonlySet<string>> | undefined
  return {
    root,
    npmScripts: new Set(Object.keys(pkg.scripts ?? {})),
    denoTasks: new Set(Object.keys(deno.tasks ?? {})),
    cliFlags: (command) => {
      if (!existsSync(join(root, "src/cli/main.ts"))) return undefined
      cli ??= readCliFlags(root)
      return cli.get(command)
    },
  }
}

const checkPaths = (repo: RepoCommands, paths: ReadonlyArray<string>): Array<string> =>
  paths.filter((path) => !path.startsWith("-") && !existsSync(join(repo.root, path)))
    .map((path) => `no file or folder at ${path}`)

const checkCli = (repo: RepoCommands, args: ReadonlyArray<string>): Array<string> => {
  const [command, ...rest] = args
  if (command === undefined) return []
  const flags = repo.cliFlags(command)
  if (flags === undefined) return [`the CLI has no command "${command}"`]
  return rest.filter((arg) => arg.startsWith("--") && !flags.has(arg.split("=")[0]!))
    .map((flag) => `poolwise ${command} has no flag ${flag}`)
}

/** What is wrong with one command, if anything. */
export const checkCommand = (repo: RepoCommands, argv: ReadonlyArray<string>): Array<string> => {
  const [tool, sub, ...rest] = argv
  switch (tool) {
    case "npm": {
      if (sub === "ci" || sub === "install" || sub === "test") return []
      if (sub === "start") {
        return rest[0] === "--" ? checkCli(repo, rest.slice(1)) : rest.length === 0 ? [] : [
          `arguments to npm start go after "--"`,
        ]
      }
      if (sub === "run") return repo.npmScripts.has(rest[0] ?? "") ? [] : [`no npm script "${rest[0]}"`]
      return [`npm ${sub}: not a command the docs checker knows`]
    }
    case "npx": {
      if (sub === "deno" && rest[0] === "task") {
        return repo.denoTasks.has(rest[1] ?? "") ? [] : [`no deno task "${rest[1]}"`]
      }
      if (sub === "deno" && rest[0] === "check") return checkPaths(repo, rest.slice(1))
      if (sub === "vitest" && rest[0] === "run") return checkPaths(repo, rest.slice(1))
      return [`npx ${sub}: not a command the docs checker knows`]
    }
    case "bash":
      return checkPaths(repo, [sub ?? ""])
    default:
      return [`${tool}: not a command the docs checker knows (teach scripts/docs/commands.ts, or use a text block)`]
  }
}

/** Problems in a `sh` block. */
export const checkShellBlock = (repo: RepoCommands, block: CodeBlock): Array<BlockProblem> =>
  shellCommands(block.code).flatMap(({ offset, argv }) =>
    checkCommand(repo, argv).map((message) => ({ offset, message }))
  )

/** Problems in a `js` block: syntax errors only (it shows code from outside the kit). */
export const checkJsBlock = (block: CodeBlock): Array<BlockProblem> => {
  const result = ts.transpileModule(block.code, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: "block.mjs",
  })
  return (result.diagnostics ?? []).map((diagnostic) => ({
    offset: diagnostic.file && diagnostic.start !== undefined
      ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
      : 1,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  }))
}

/** The languages whose blocks are checked somewhere; any other tag (but `text`) is a problem. */
export const checkedLanguages: ReadonlySet<string> = new Set(["ts", "typescript", "sh", "js", "sql", "text"])

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
