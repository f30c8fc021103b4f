/**
 * A copy of test/docs/fixtures/good to break on purpose, and helpers to
 * break it. Copies live inside the repository (.tmp/, ignored by git) so that
 * their snippets resolve node_modules.
 */
import { Effect } from "effect"
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Problem } from "../../scripts/docs/check.ts"

export const repo = resolve(import.meta.dirname, "../..")
const fixture = join(repo, "test/docs/fixtures/good")

export const picture = readFileSync(join(fixture, "docs/images/pic.svg"), "utf8")
/** The pictures the fixture's docs/images/ holds. */
export const images = Effect.succeed({ "pic.svg": picture })

/** A fresh copy of the good fixture, changed by `edit`. */
export const copyFixture = (name: string, edit: (root: string) => void = () => {}): string => {
  const root = join(repo, ".tmp/docs-check-fixtures", name)
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  cpSync(fixture, root, { recursive: true })
  edit(root)
  return root
}

export const replaceIn = (root: string, file: string, from: string, to: string) => {
  const path = join(root, file)
  const text = readFileSync(path, "utf8")
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`)
  writeFileSync(path, text.replace(from, to))
}

export const appendTo = (root: string, file: string, text: string) =>
  writeFileSync(join(root, file), readFileSync(join(root, file), "utf8") + text)

/** A README.md of the given ts blocks, in order, each fenced (its fence on line 3, 3 + lines of the one before + 3, …). */
export const readmeOf = (...blocks: ReadonlyArray<string>): string =>
  ["# blocks", "", ...blocks.flatMap((code) => ["```ts", code, "```", ""])].join("\n")

/**
 * The time limit of a test that runs tsc or Node processes: a backstop that
 * only a hang reaches, since a busy machine makes these tests slower (and
 * scales the checker's own backstop up), never wrong.
 */
export const BACKSTOP_MS = 600_000

/** `check file:line`, for comparing where problems are. */
export const summary = (problems: ReadonlyArray<Problem>) => problems.map((p) => `${p.check} ${p.file}:${p.line}`)
