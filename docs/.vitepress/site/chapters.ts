/**
 * The site's navigation, read from the Markdown files themselves: a chapter
 * is a page named `NN-….md` directly in docs/ (or docs/ko/), in the order of
 * its number, titled by its first `# ` heading. A new chapter appears in the
 * sidebar without anyone editing this file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { parseMarkdown } from "../../../scripts/docs/markdown.ts"

/** One page of the sidebar. */
export interface SitePage {
  /** The page's file name in its folder: `02-chunked-vs-pooled.md`. */
  readonly file: string
  /** Its first `# ` heading. */
  readonly title: string
  /** Its link on the site, from the site's root: `/02-chunked-vs-pooled` or `/ko/02-chunked-vs-pooled`. */
  readonly link: string
}

/** The pages of one language's folder, split the way the sidebar shows them. */
export interface SiteSections {
  /** `NN-….md`, by number. */
  readonly chapters: ReadonlyArray<SitePage>
  /** The other pages (reference pages such as the glossary), by file name; the index and the playground excepted. */
  readonly reference: ReadonlyArray<SitePage>
}

const CHAPTER = /^(\d+)-.+\.md$/
/** Pages with a place of their own: the home page and the playground. */
const NOT_IN_REFERENCE = new Set(["README.md", "playground.md"])

/** The first `# ` heading outside code blocks, without Markdown's inline code ticks; else the file name. */
export const titleOf = (markdown: string, fallback: string): string => {
  const heading = parseMarkdown(markdown).prose.find((line) => /^# \S/.test(line))
  return heading === undefined ? fallback : heading.slice(2).trim().replace(/`([^`]*)`/g, "$1")
}

/** The pages directly in `dir` (docs/ or docs/ko/), `prefix` being its place on the site ("" or "/ko"). */
export const readSections = (dir: string, prefix: string): SiteSections => {
  const files = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
      .map((entry) => entry.name)
    : []
  const page = (file: string): SitePage => ({
    file,
    title: titleOf(readFileSync(join(dir, file), "utf8"), file.replace(/\.md$/, "")),
    link: `${prefix}/${file.replace(/\.md$/, "")}`,
  })
  const chapterNumber = (file: string) => Number(CHAPTER.exec(file)![1])
  return {
    chapters: files.filter((file) => CHAPTER.test(file))
      .sort((a, b) => chapterNumber(a) - chapterNumber(b) || a.localeCompare(b))
      .map(page),
    reference: files.filter((file) => !CHAPTER.test(file) && !NOT_IN_REFERENCE.has(file)).sort().map(page),
  }
}
