import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openSite, type Site, watchProblems } from "./support/site.ts"

let site: Site

beforeAll(async () => {
  site = await openSite()
}, 300_000)

afterAll(async () => {
  await site?.close()
})

/** Opens the local search from `path`, types `query`, and returns the pages the results link to. */
const search = async (page: Page, path: string, query: string): Promise<Array<string>> => {
  await page.goto(site.url(path))
  await page.locator(".VPNavBarSearch button").click()
  const box = page.locator(".VPLocalSearchBox input")
  await box.waitFor()
  await box.fill(query)
  await page.locator(".VPLocalSearchBox .results li a").first().waitFor()
  const links = await page.locator(".VPLocalSearchBox .results li a").evaluateAll((anchors) =>
    anchors.map((anchor) => (anchor as unknown as { href: string }).href)
  )
  return links.map((link) => new URL(link).pathname)
}

describe("local search", () => {
  it("finds TestClock in the English chapters, from an English page", async () => {
    const page = await site.browser.context.newPage()
    const problems = watchProblems(page)
    const pages = await search(page, "/", "TestClock")
    expect(pages).toContain("/03-testing-time.html")
    expect(pages.every((path) => !path.startsWith("/ko/"))).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  })

  it("finds TestClock in the Korean chapters, from a Korean page", async () => {
    const page = await site.browser.context.newPage()
    const problems = watchProblems(page)
    const pages = await search(page, "/ko/", "TestClock")
    expect(pages).toContain("/ko/03-testing-time.html")
    expect(pages.every((path) => path.startsWith("/ko/"))).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  })
})
