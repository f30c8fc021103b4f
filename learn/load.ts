/**
 * Loads an exercise file in this process, fresh on every save: TypeScript's
 * `transpileModule` turns it into CommonJS (types erased, nothing checked),
 * and it runs with a `require` that hands out the modules this process has
 * already loaded. So a save costs a transpile of one small file, the library
 * is loaded once, and the learner's effects share the checker's Effect
 * runtime (the same `ScheduleMismatch`, the same `TestClock`). The same code
 * runs on Node and on Deno.
 */
import * as effect from "effect"
import { readFile } from "node:fs/promises"
import * as poolwise from "poolwise"
import * as fixtures from "poolwise/fixtures"
import * as testing from "poolwise/testing"
import * as timeline from "poolwise/timeline"
import ts from "typescript"
import * as todoModule from "../exercises/todo.ts"

/** What an exercise file exports, by name. */
export type Exports = Readonly<Record<string, unknown>>

/** Why a file could not be loaded, said for the learner. */
export type LoadProblem =
  | { readonly _tag: "Missing"; readonly file: string }
  | { readonly _tag: "Syntax"; readonly line: number; readonly message: string; readonly source: string }
  | { readonly _tag: "Import"; readonly specifier: string }
  | { readonly _tag: "Todo" }
  | { readonly _tag: "Threw"; readonly error: unknown }

export type Loaded = { readonly _tag: "Loaded"; readonly exports: Exports } | LoadProblem

const modules: Readonly<Record<string, unknown>> = {
  effect,
  poolwise,
  "poolwise/testing": testing,
  "poolwise/timeline": timeline,
  "poolwise/fixtures": fixtures,
  "./todo.ts": todoModule,
  "./todo": todoModule,
}

/** The entries an exercise may import, for the message that refuses another. */
export const importable: ReadonlyArray<string> = [
  "effect",
  "effect/*",
  "poolwise",
  "poolwise/testing",
  "poolwise/timeline",
  "poolwise/fixtures",
]

class ImportRefused extends Error {
  constructor(readonly specifier: string) {
    super(`import of ${specifier}`)
  }
}

const requireFor = (specifier: string): unknown => {
  if (specifier in modules) return modules[specifier]
  // "effect/Effect", "effect/Duration", …: the same namespaces the index exports.
  const member = /^effect\/(\w+)$/.exec(specifier)?.[1]
  if (member !== undefined && member in effect) return (effect as Record<string, unknown>)[member]
  throw new ImportRefused(specifier)
}

/** Whether `error` is the `todo()` of an exercise: by tag, so a copy of todo.ts counts too. */
export const isTodo = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === "Todo"

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  isolatedModules: true,
}

/** Transpiles and runs `source` (the text of `file`), returning its exports or why it could not. */
export const evaluate = (file: string, source: string): Loaded => {
  const output = ts.transpileModule(source, { fileName: file, compilerOptions, reportDiagnostics: true })
  const syntax = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error)
  if (syntax !== undefined) {
    const { line } = syntax.file?.getLineAndCharacterOfPosition(syntax.start ?? 0) ?? { line: 0 }
    return {
      _tag: "Syntax",
      line: line + 1,
      message: ts.flattenDiagnosticMessageText(syntax.messageText, " "),
      source: source.split("\n")[line] ?? "",
    }
  }
  const module = { exports: {} as Record<string, unknown> }
  try {
    new Function("exports", "require", "module", output.outputText)(module.exports, requireFor, module)
  } catch (error) {
    if (error instanceof ImportRefused) return { _tag: "Import", specifier: error.specifier }
    if (isTodo(error)) return { _tag: "Todo" }
    return { _tag: "Threw", error }
  }
  return { _tag: "Loaded", exports: module.exports }
}

/** Reads and evaluates an exercise file. */
export const load = async (file: string): Promise<Loaded> => {
  let source: string
  try {
    source = await readFile(file, "utf8")
  } catch {
    return { _tag: "Missing", file }
  }
  return evaluate(file, source)
}
