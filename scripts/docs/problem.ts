/**
 * What every docs check returns: problems as data, each with the file and line
 * to fix. Nothing in the checker throws on a docs problem.
 */
import { sep } from "node:path"

/** One thing to fix. `file` is relative to the root, with `/` separators. */
export interface Problem {
  readonly check: "snippet" | "example" | "output" | "mirror" | "image" | "link" | "markdown" | "command"
  readonly file: string
  readonly line?: number | undefined
  readonly message: string
}

/** `docs/01-intro.md:12: [snippet] …` */
export const formatProblem = (problem: Problem): string =>
  `${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}: [${problem.check}] ${problem.message}`

/** Sorts problems by file, then line. */
export const byPlace = (a: Problem, b: Problem): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)

/** A path with `/` separators, as problems name files. */
export const toPosix = (path: string): string => path.split(sep).join("/")

/** The 0-based index of the first line where `a` and `b` differ. */
export const firstDifferentLine = (a: string, b: string): number => {
  const left = a.split("\n")
  const right = b.split("\n")
  let i = 0
  while (i < left.length && i < right.length && left[i] === right[i]) i++
  return i
}
