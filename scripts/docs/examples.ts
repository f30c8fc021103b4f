/**
 * The `@example` blocks of the doc comments under src/: every `ts` fenced
 * block inside a `/** … *\/` comment becomes a module that is type-checked
 * with the docs' snippets (one tsc run). They are not run: they show values
 * in comments (`// [2, 4, 6]`) rather than assert output, and several build
 * programs that need a MySQL server. Problems read `src/file.ts:LINE: [example] …`.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import ts from "typescript"
import { parseMarkdown } from "./markdown.ts"
import { filesUnder } from "./pages.ts"
import type { Problem } from "./problem.ts"
import { makeSnippets, type Place, type Snippet } from "./snippets.ts"

/** A doc comment's text with the comment syntax removed, one entry per source line. */
const commentLines = (comment: string): Array<string> =>
  comment.split("\n").map((line, i, all) => {
    let text = i === 0 ? line.replace(/^\s*\/\*\*/, "") : line
    if (i === all.length - 1) text = text.replace(/\*\/\s*$/, "")
    return text.replace(/^\s*\* ?/, "")
  })

/** The doc comments of a TypeScript file, with the 1-based line each starts on. */
export const docComments = (text: string): Array<{ readonly line: number; readonly lines: Array<string> }> => {
  // Parsed, not scanned with a regular expression: "/**" inside a string or a template is no comment.
  const source = ts.createSourceFile("file.ts", text, ts.ScriptTarget.Latest, false)
  const found = new Map<number, { readonly line: number; readonly lines: Array<string> }>()
  const visit = (node: ts.Node): void => {
    for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      if (found.has(range.pos) || !text.startsWith("/**", range.pos)) continue
      const line = source.getLineAndCharacterOfPosition(range.pos).line + 1
      found.set(range.pos, { line, lines: commentLines(text.slice(range.pos, range.end)) })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return [...found.values()].sort((a, b) => a.line - b.line)
}

/** The examples under src/ as snippets to type-check, and their unclosed fences as problems. */
export const collectExamples = (
  root: string,
): { readonly examples: Array<Snippet>; readonly problems: Array<Problem> } => {
  const blocks: Array<{ readonly place: Place; readonly code: string; readonly run: boolean }> = []
  const problems: Array<Problem> = []
  for (const file of filesUnder(root, "src", (name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))) {
    for (const comment of docComments(readFileSync(join(root, file), "utf8"))) {
      const parsed = parseMarkdown(comment.lines.join("\n"))
      // The comment's line k (1-based) is the file's line `comment.line + k - 1`.
      const fileLine = (line: number) => comment.line + line - 1
      for (const line of parsed.unclosed) {
        problems.push({ check: "example", file, line: fileLine(line), message: "code fence is never closed" })
      }
      for (const block of parsed.blocks) {
        if (block.lang !== "ts" && block.lang !== "typescript") continue
        blocks.push({ place: { file, line: fileLine(block.line) }, code: block.code, run: false })
      }
    }
  }
  return { examples: makeSnippets(root, blocks, "example"), problems }
}
