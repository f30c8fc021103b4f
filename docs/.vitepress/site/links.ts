/**
 * Links in the docs are written for the repository (GitHub shows them as they
 * are): relative paths to other pages, to `README.md` indexes, and to the
 * sources and tests that prove what a chapter says. On the site an index is
 * `index.html`, and a file outside docs/ is a page of its own under
 * `/source/` (see sourcePages.ts). This module maps one to the other, and
 * makes heading anchors the way GitHub does, so `page.md#a-heading` works in
 * both places.
 */
import { posix } from "node:path"
import { localPath } from "../../../scripts/docs/markdown.ts"

/** Where the site's source pages live, under each language's root. */
export const SOURCE_ROUTE = "source"

/** Pictures are drawn by the page, not linked to as pages. */
const PICTURE = /\.(svg|png|jpe?g|gif|webp)$/i

/** The language prefix of a repository path: "/ko" for docs/ko/…, "" for the rest. */
export const localeOf = (repoPath: string): "" | "/ko" => repoPath.startsWith("docs/ko/") ? "/ko" : ""

/**
 * The repository path a link points to, from the linking file's repository
 * path (`docs/02-chunked-vs-pooled.md`); `undefined` for URLs, bare
 * `#anchors` and pictures. A trailing `/` (a folder) is kept.
 */
export const linkedRepoPath = (origin: string, target: string): string | undefined => {
  const path = localPath(target)
  if (path === undefined || PICTURE.test(path)) return undefined
  const joined = path.startsWith("/") ? path.slice(1) : posix.join(posix.dirname(origin), path)
  const normalized = posix.normalize(joined)
  if (normalized.startsWith("../")) return undefined
  return path.endsWith("/") && !normalized.endsWith("/") ? `${normalized}/` : normalized
}

/** The site page of a repository file outside docs/: `/source/test/a.test.ts.html`, a folder `/source/test/`. */
export const sourcePageLink = (locale: string, repoPath: string): string =>
  repoPath.endsWith("/") || repoPath === "."
    ? `${locale}/${SOURCE_ROUTE}/${repoPath === "." ? "" : repoPath}`
    : `${locale}/${SOURCE_ROUTE}/${repoPath}.html`

/**
 * Where a link written in the repository file `origin` goes on the site, as a
 * path from the site's root (VitePress adds the base and turns `.md` into
 * `.html`), or `undefined` to leave it as it is.
 *
 * @example
 * ```ts
 * siteHref("docs/README.md", "ko/README.md") // "/ko/index.md"
 * siteHref("docs/ko/02-chunked-vs-pooled.md", "../../test/strategies/seed.test.ts") // "/ko/source/test/strategies/seed.test.ts.html"
 * ```
 */
export const siteHref = (origin: string, target: string): string | undefined => {
  const repoPath = linkedRepoPath(origin, target)
  if (repoPath === undefined) return undefined
  const hash = /#.*$/.exec(target)?.[0] ?? ""
  if (repoPath === "docs" || repoPath.startsWith("docs/")) {
    const page = repoPath.replace(/^docs\/?/, "")
    if (page !== "" && !page.endsWith("/") && !page.endsWith(".md")) return undefined // an asset: Vite's business
    return `/${page.replace(/(^|\/)README\.md$/, "$1index.md")}${hash}`
  }
  return sourcePageLink(localeOf(origin), repoPath) + hash
}

/**
 * A heading's anchor as GitHub makes it: lower case, punctuation dropped,
 * spaces turned into hyphens, letters of every script kept
 * (`"\`it.effect\` starts at 0"` → `iteffect-starts-at-0`).
 */
export const githubSlug = (heading: string): string =>
  heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "").replace(/ /g, "-")

/** The little of markdown-it's API the link plugin uses. */
interface LinkToken {
  readonly type: string
  readonly children: ReadonlyArray<LinkToken> | null
  attrGet(name: string): string | null
  attrSet(name: string, value: string): void
}
interface MarkdownItLike {
  readonly core: {
    readonly ruler: {
      push(name: string, rule: (state: { tokens: ReadonlyArray<LinkToken>; env: MarkdownEnvLike }) => void): void
    }
  }
}
interface MarkdownEnvLike {
  /** The file a page was made from (before VitePress's rewrites), when VitePress gives it. */
  readonly realPath?: string
  readonly path?: string
}

/** A markdown-it plugin: every link of a page rewritten by {@link siteHref}, the page's file read from `env`. */
export const repositoryLinks = (repoRoot: string) => (md: MarkdownItLike): void => {
  md.core.ruler.push("poolwise-repository-links", (state) => {
    const file = state.env.realPath ?? state.env.path
    if (file === undefined) return
    const origin = posix.relative(repoRoot.split("\\").join("/"), file.split("\\").join("/"))
    for (const token of state.tokens) {
      for (const child of token.children ?? []) {
        if (child.type !== "link_open") continue
        const href = child.attrGet("href")
        const mapped = href === null ? undefined : siteHref(origin, href)
        if (mapped !== undefined) child.attrSet("href", mapped)
      }
    }
  })
}
