import { describe, expect, it } from "@effect/vitest"
import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { githubSlug, linkedRepoPath, siteHref } from "../../docs/.vitepress/site/links.ts"
import { sitePages, sourceRoutes } from "../../docs/.vitepress/site/sourcePages.ts"
import { linkTargets, parseMarkdown } from "../../scripts/docs/markdown.ts"

const repo = resolve(import.meta.dirname, "../..")

describe("links written for GitHub, on the site", () => {
  it("an index README.md is the site's index of its folder, in either language", () => {
    expect(siteHref("docs/README.md", "ko/README.md")).toBe("/ko/index.md")
    expect(siteHref("docs/ko/README.md", "../README.md")).toBe("/index.md")
    expect(siteHref("docs/08-beyond-one-process.md", "README.md")).toBe("/index.md")
  })

  it("a page keeps its anchor, Korean anchors included", () => {
    expect(
      siteHref("docs/ko/03-testing-time.md", "05-failures-and-interruption.md#일찍-멈추기-haltwhen과-interruptwhen"),
    )
      .toBe("/ko/05-failures-and-interruption.md#일찍-멈추기-haltwhen과-interruptwhen")
  })

  it("a file outside docs/ is a source page in the linking page's language; a folder is its listing", () => {
    expect(siteHref("docs/02-chunked-vs-pooled.md", "../test/strategies/seed.test.ts"))
      .toBe("/source/test/strategies/seed.test.ts.html")
    expect(siteHref("docs/ko/02-chunked-vs-pooled.md", "../../test/strategies/seed.test.ts"))
      .toBe("/ko/source/test/strategies/seed.test.ts.html")
    expect(siteHref("docs/04-the-sql-pool.md", "../test/sync/")).toBe("/source/test/sync/")
  })

  it("URLs, bare anchors, pictures and links above the repository are left as they are", () => {
    expect(siteHref("docs/01-the-incident.md", "https://effect.website")).toBeUndefined()
    expect(siteHref("docs/01-the-incident.md", "#the-fix")).toBeUndefined()
    expect(siteHref("docs/02-chunked-vs-pooled.md", "images/seed-chunked-vs-pooled.svg")).toBeUndefined()
    expect(linkedRepoPath("docs/01-the-incident.md", "../../elsewhere.md")).toBeUndefined()
  })

  it("anchors are made as GitHub makes them: punctuation dropped, every script kept", () => {
    expect(githubSlug("`it.effect` starts at 0; a shared `layer(...)` does not"))
      .toBe("iteffect-starts-at-0-a-shared-layer-does-not")
    expect(githubSlug("Where poolwise differs, and why")).toBe("where-poolwise-differs-and-why")
    expect(githubSlug("일찍 멈추기: haltWhen과 interruptWhen")).toBe("일찍-멈추기-haltwhen과-interruptwhen")
  })

  it("every link of every page goes to a page the site builds (a chapter, an index, or a source page)", () => {
    const routes = new Set([
      ...sourceRoutes(repo, "").map((route) => `/source/${route.params.file}`),
      ...sourceRoutes(repo, "/ko").map((route) => `/ko/source/${route.params.file}`),
    ])
    const unresolved: Array<string> = []
    for (const page of sitePages(repo)) {
      for (const { target, line } of linkTargets(parseMarkdown(readFileSync(join(repo, page), "utf8")).prose)) {
        const href = siteHref(page, target)?.replace(/#.*$/, "")
        if (href === undefined) continue
        const exists = /\/source\//.test(href)
          ? routes.has(href.replace(/\.html$/, "").replace(/\/$/, "/index"))
          : existsSync(join(repo, "docs", href.replace(/(^|\/)index\.md$/, "$1README.md")))
        if (!exists) unresolved.push(`${page}:${line} ${target} → ${href}`)
      }
    }
    expect(unresolved).toEqual([])
  })
})
