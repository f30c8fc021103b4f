/**
 * The site's source pages: every repository file outside docs/ that a page
 * links to (a test that proves a claim, a source file, a benchmark) becomes a
 * page that shows it, in both languages, so the links work on the site as
 * they do on GitHub. A linked folder becomes a list of its files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, posix } from "node:path"
import { linkTargets, parseMarkdown } from "../../../scripts/docs/markdown.ts"
import { filesUnder } from "../../../scripts/docs/pages.ts"
import { linkedRepoPath, SOURCE_ROUTE } from "./links.ts"

/** The Markdown pages the site is built from: every .md under docs/ but dot folders and the source routes. */
export const sitePages = (repoRoot: string): Array<string> =>
  filesUnder(repoRoot, "docs", (name) => name.endsWith(".md"))
    .filter((path) => !path.split("/").some((part) => part.startsWith(".") || part.startsWith("[")))

/** The files and folders (ending in `/`) outside docs/ that the pages link to, sorted. */
export const linkedSources = (repoRoot: string): Array<string> => {
  const found = new Set<string>()
  for (const page of sitePages(repoRoot)) {
    const { prose } = parseMarkdown(readFileSync(join(repoRoot, page), "utf8"))
    for (const { target } of linkTargets(prose)) {
      const path = linkedRepoPath(page, target)
      if (path === undefined || path === "docs" || path.startsWith("docs/")) continue
      if (existsSync(join(repoRoot, path))) found.add(path)
    }
  }
  return [...found].sort()
}

/** A Shiki language for a file name, `text` when none fits. */
const languageOf = (path: string): string => {
  const extension = posix.extname(path).slice(1)
  const known: Record<string, string> = { ts: "ts", js: "js", json: "json", md: "md", sh: "sh", cjs: "js", mjs: "js" }
  return known[extension] ?? "text"
}

/** A fence longer than any run of backticks in `code`. */
const fenceFor = (code: string): string =>
  "`".repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)))

const INTRO = {
  "":
    "A file of the poolwise repository as it was when this site was built. The walkthroughs link it as the proof of what they say.",
  "/ko":
    "이 사이트를 빌드할 때의 poolwise 저장소 파일을 그대로 보여 줍니다. 워크스루가 자기 주장의 근거로 이 파일에 링크합니다.",
} as const

const FOLDER = {
  "": "A folder of the poolwise repository, as it was when this site was built:",
  "/ko": "이 사이트를 빌드할 때의 poolwise 저장소 폴더입니다.",
} as const

/** One page of a VitePress dynamic route: its `[file]` parameter and its Markdown. */
export interface SourceRoute {
  readonly params: { readonly file: string }
  readonly content: string
}

/**
 * The pages of one language's `source/[file].md` route: one per linked
 * file, one per linked folder (`…/index`) listing its files, and one per file
 * of those folders.
 */
export const sourceRoutes = (repoRoot: string, locale: "" | "/ko"): Array<SourceRoute> => {
  const files = new Set<string>()
  const folders: Array<string> = []
  for (const path of linkedSources(repoRoot)) {
    if (path.endsWith("/") && statSync(join(repoRoot, path)).isDirectory()) {
      folders.push(path)
      for (const entry of readdirSync(join(repoRoot, path), { withFileTypes: true })) {
        if (entry.isFile()) files.add(`${path}${entry.name}`)
      }
    } else if (statSync(join(repoRoot, path)).isFile()) files.add(path)
  }
  const filePages = [...files].sort().map((path): SourceRoute => {
    const code = readFileSync(join(repoRoot, path), "utf8").replace(/\n$/, "")
    const fence = fenceFor(code)
    return {
      params: { file: path },
      content: `# \`${path}\`\n\n${INTRO[locale]}\n\n${fence}${languageOf(path)}\n${code}\n${fence}\n`,
    }
  })
  const folderPages = folders.map((folder): SourceRoute => {
    const entries = [...files].filter((path) => posix.dirname(path) === folder.replace(/\/$/, "")).sort()
    const list = entries.map((path) => `- [${posix.basename(path)}](/${path})`).join("\n")
    return { params: { file: `${folder}index` }, content: `# \`${folder}\`\n\n${FOLDER[locale]}\n\n${list}\n` }
  })
  return [...filePages, ...folderPages]
}

/** The route's folder under a language's root, for the route files: `source`. */
export const sourceRouteFolder: string = SOURCE_ROUTE
