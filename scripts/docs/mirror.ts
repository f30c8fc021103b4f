/**
 * docs/ko mirrors docs: for every page directly in docs/ (the walkthroughs,
 * the index, the reference pages) there is a docs/ko/ page of the same name
 * and the other way round, and both hold the same code blocks in the same
 * order, byte for byte (language tag included).
 */
import { posix } from "node:path"
import type { CodeBlock } from "./markdown.ts"
import type { DocFile } from "./pages.ts"
import { firstDifferentLine, type Problem } from "./problem.ts"

const describeBlock = (block: CodeBlock): string => `\`\`\`${block.info}`

/** The first difference between two twins' code blocks, if any. */
const firstBlockDifference = (en: DocFile, ko: DocFile): Problem | undefined => {
  const count = Math.max(en.blocks.length, ko.blocks.length)
  for (let i = 0; i < count; i++) {
    const a = en.blocks[i]
    const b = ko.blocks[i]
    const block = `code block #${i + 1}`
    if (a === undefined) {
      return {
        check: "mirror",
        file: ko.path,
        line: b!.line,
        message: `${block} (${describeBlock(b!)}) has no counterpart in ${en.path}`,
      }
    }
    if (b === undefined) {
      return {
        check: "mirror",
        file: en.path,
        line: a.line,
        message: `${block} (${describeBlock(a)}) has no counterpart in ${ko.path}`,
      }
    }
    if (a.info !== b.info) {
      return {
        check: "mirror",
        file: ko.path,
        line: b.line,
        message: `${block} is ${describeBlock(b)} but ${en.path}:${a.line} is ${describeBlock(a)}`,
      }
    }
    if (a.code !== b.code) {
      const offset = firstDifferentLine(a.code, b.code)
      const lineOf = (code: string) => JSON.stringify(code.split("\n")[offset] ?? "")
      return {
        check: "mirror",
        file: ko.path,
        line: b.line + 1 + offset,
        message: `${block} differs from ${en.path}:${a.line + 1 + offset}: ${lineOf(b.code)} vs ${lineOf(a.code)}`,
      }
    }
  }
  return undefined
}

/** Every page has its twin, and twins hold the same code blocks (the first difference is reported). */
export const checkMirror = (docs: ReadonlyArray<DocFile>): Array<Problem> => {
  const byPath = new Map(docs.map((doc) => [doc.path, doc]))
  const pages = (dir: string) => docs.filter((doc) => posix.dirname(doc.path) === dir)
  const problems: Array<Problem> = []
  for (const en of pages("docs")) {
    const koPath = `docs/ko/${posix.basename(en.path)}`
    const ko = byPath.get(koPath)
    const problem = ko === undefined
      ? { check: "mirror" as const, file: en.path, message: `has no Korean twin: ${koPath} is missing` }
      : firstBlockDifference(en, ko)
    if (problem !== undefined) problems.push(problem)
  }
  for (const ko of pages("docs/ko")) {
    const enPath = `docs/${posix.basename(ko.path)}`
    if (!byPath.has(enPath)) {
      problems.push({ check: "mirror", file: ko.path, message: `has no English twin: ${enPath} is missing` })
    }
  }
  return problems
}
