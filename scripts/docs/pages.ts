/**
 * The pages the docs checker reads: README.md and every .md file under docs/,
 * parsed into code blocks and prose.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, posix } from "node:path"
import { type CodeBlock, parseMarkdown } from "./markdown.ts"
import type { Problem } from "./problem.ts"

/** A Markdown file under the root, parsed. */
export interface DocFile {
  /** Relative to the root, with `/` separators. */
  readonly path: string
  readonly blocks: ReadonlyArray<CodeBlock>
  readonly unclosed: ReadonlyArray<number>
  readonly prose: ReadonlyArray<string>
}

/**
 * The files under `dir` (relative to the root) whose name passes `accept`,
 * relative to the root, sorted. Dot folders and files are skipped: under
 * docs/ they hold the site's config and VitePress's cache and build
 * (docs/.vitepress/), not pages.
 */
export const filesUnder = (root: string, dir: string, accept: (name: string) => boolean): Array<string> => {
  const paths: Array<string> = []
  const walk = (dir: string) => {
    if (!existsSync(join(root, dir))) return
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue
      const path = posix.join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && accept(entry.name)) paths.push(path)
    }
  }
  walk(dir)
  return paths.sort()
}

/** README.md (if any) and every .md file under docs/, sorted, parsed. */
export const readDocs = (root: string): Array<DocFile> =>
  [
    ...(existsSync(join(root, "README.md")) ? ["README.md"] : []),
    ...filesUnder(root, "docs", (name) => name.endsWith(".md")),
  ]
    .map((path) => ({ path, ...parseMarkdown(readFileSync(join(root, path), "utf8")) }))

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
