import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { readSections } from "../../docs/.vitepress/site/chapters.ts"
import { join } from "node:path"
import { builtPages, openSite, repo, type Site, watchProblems } from "./support/site.ts"

/** What one visit found: its problems, the links on it, the ids in it. */
interface Visit {
  readonly problems: ReadonlyArray<string>
  readonly links: ReadonlyArray<string>
  readonly ids: ReadonlyArray<string>
}

/** Tabs open at once while crawling: enough to overlap waiting, few enough for 2 loaded cores. */
const TABS = 3

let site: Site
const visits = new Map<string, Visit>()

const visit = async (path: string): Promise<Visit> => {
  const page = await site.browser.context.newPage()
  try {
    const problems = watchProblems(page)
    // "networkidle": also the requests the page makes after it loaded (lazy chunks, pictures).
    await page.goto(site.url(path), { waitUntil: "networkidle" })
    const found = await page.evaluate(`({
      links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
      ids: [...document.querySelectorAll("[id]")].map((element) => element.id),
    })`) as { links: Array<string>; ids: Array<string> }
    return { problems: [...problems], ...found }
  } finally {
    await page.close()
  }
}

beforeAll(async () => {
  site = await openSite()
  const queue = builtPages()
  await Promise.all(Array.from({ length: TABS }, async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) visits.set(path, await visit(path))
  }))
}, 1_800_000)

afterAll(async () => {
  await site?.close()
})

/** A link's page on the site, as the crawl names pages: `/ko/` for `/ko/index.html`. */
const pageOf = (url: URL): string => url.pathname.replace(/(^|\/)index\.html$/, "$1")

describe("the built site, in a real browser", () => {
  it("has every chapter of both languages, and the crawl visited every page the build wrote", () => {
    const en = readSections(join(repo, "docs"), "").chapters.map((page) => `${page.link}.html`)
    const ko = readSections(join(repo, "docs/ko"), "/ko").chapters.map((page) => `${page.link}.html`)
    for (const path of [...en, ...ko, "/", "/ko/", "/playground.html", "/ko/playground.html"]) {
      expect(visits.has(path), path).toBe(true)
    }
    expect(visits.size).toBe(builtPages().length)
  })

  it("every page of both languages loads with no console error, no uncaught exception and no failed request", () => {
    const problems = [...visits].flatMap(([path, { problems }]) => problems.map((problem) => `${path}: ${problem}`))
    expect(problems).toEqual([])
  })

  it("every internal link goes to a page or file of the site, and every anchor to an element of that page", () => {
    const origin = new URL(site.url("/")).origin
    const broken: Array<string> = []
    for (const [path, { links }] of visits) {
      for (const link of links) {
        const url = new URL(link)
        if (url.origin !== origin) continue
        const target = visits.get(pageOf(url))
        if (target === undefined) {
          const isAsset = /\.(svg|png|json|txt)$/.test(url.pathname) && !site.server.missing.includes(url.pathname)
          if (!isAsset) broken.push(`${path} → ${url.pathname} (no such page)`)
          continue
        }
        const anchor = decodeURIComponent(url.hash.slice(1))
        if (anchor !== "" && !target.ids.includes(anchor)) {
          broken.push(`${path} → ${url.pathname}#${anchor} (no such anchor)`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it("the language switch of every chapter points at the same chapter in the other language", () => {
    const chapters = readSections(join(repo, "docs"), "").chapters.map((page) => `${page.link}.html`)
    const wrong: Array<string> = []
    for (const en of chapters) {
      const ko = `/ko${en}`
      if (!visits.get(en)?.links.some((link) => new URL(link).pathname === ko)) wrong.push(`${en} has no link to ${ko}`)
      if (!visits.get(ko)?.links.some((link) => new URL(link).pathname === en)) wrong.push(`${ko} has no link to ${en}`)
    }
    expect(wrong).toEqual([])
  })

  it("choosing 한국어 in the language menu of chapter 2 lands on chapter 2 in Korean, and English brings it back", async () => {
    const page = await site.browser.context.newPage()
    try {
      await page.goto(site.url("/02-chunked-vs-pooled.html"))
      await page.locator(".VPNavBarTranslations").hover()
      await page.locator(".VPNavBarTranslations").getByRole("link", { name: "한국어" }).click()
      await page.waitForURL(/\/ko\/02-chunked-vs-pooled\.html$/)
      const koTitle = readSections(join(repo, "docs/ko"), "/ko").chapters[1]!.title
      await page.getByRole("heading", { level: 1, name: koTitle }).waitFor()
      await page.locator(".VPNavBarTranslations").hover()
      await page.locator(".VPNavBarTranslations").getByRole("link", { name: "English" }).click()
      await page.waitForURL(/\/02-chunked-vs-pooled\.html$/)
      expect(new URL(page.url()).pathname).toBe("/02-chunked-vs-pooled.html")
    } finally {
      await page.close()
    }
  })
})
