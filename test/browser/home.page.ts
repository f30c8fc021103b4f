import { createRequire } from "node:module"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openSite, repo, screenshotPath, type Site, watchProblems } from "./support/site.ts"

let site: Site

beforeAll(async () => {
  site = await openSite()
}, 300_000)

afterAll(async () => {
  await site?.close()
})

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js")

interface Violation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: ReadonlyArray<string>
}

/** axe-core's violations on the page as it is now. */
const axeViolations = async (page: Page): Promise<Array<Violation>> => {
  await page.addScriptTag({ path: axeSource })
  return await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((results) =>
    results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })))`) as Array<
    Violation
  >
}

const seriousOnes = (violations: ReadonlyArray<Violation>) =>
  violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")

describe("the home page and the playground", () => {
  it("the home page transfers under 300 KB, and loads no playground code", async () => {
    const page = await site.browser.context.newPage()
    const problems = watchProblems(page)
    await page.goto(site.url("/"), { waitUntil: "networkidle" })
    const entries = await page.evaluate(
      `[...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
      .map((e) => ({ name: e.name, transferred: e.transferSize, decoded: e.decodedBodySize }))`,
    ) as Array<
      { name: string; transferred: number; decoded: number }
    >
    // VitePress prefetches the chapters the page links to once it is idle: counted, and shown apart.
    const prefetched = (name: string) => /\/assets\/[^/]+\.md\.[\w-]+\.js$/.test(name) && !/\/index\.md\./.test(name)
    const total = (list: typeof entries, key: "transferred" | "decoded") => list.reduce((sum, e) => sum + e[key], 0)
    const own = entries.filter((e) => !prefetched(e.name))
    const ahead = entries.filter((e) => prefetched(e.name))
    const kb = (bytes: number) => Math.round(bytes / 102.4) / 10
    const weights = {
      transferredKb: kb(total(entries, "transferred")),
      uncompressedKb: kb(total(entries, "decoded")),
      ownTransferredKb: kb(total(own, "transferred")),
      ownUncompressedKb: kb(total(own, "decoded")),
      prefetchedTransferredKb: kb(total(ahead, "transferred")),
      files: entries.map((e) => `${e.name} ${e.transferred} B`),
    }
    console.log(
      `home page: ${weights.transferredKb} KB transferred (gzip; ${weights.uncompressedKb} KB uncompressed), of which ` +
        `the page's own files ${weights.ownTransferredKb} KB (${weights.ownUncompressedKb} KB uncompressed) and ` +
        `${ahead.length} prefetched chapters ${weights.prefetchedTransferredKb} KB`,
    )
    writeFileSync(join(repo, ".tmp/site-screenshots/home-weight.json"), JSON.stringify(weights, null, 2))
    expect(own.length).toBeGreaterThan(3)
    expect(total(entries, "transferred")).toBeLessThan(300 * 1024)
    expect(entries.some((e) => /compute\.[\w-]+\.js$/.test(e.name))).toBe(false)
    await page.screenshot({ path: screenshotPath("home.png") })
    expect(problems).toEqual([])
    await page.close()
  })

  for (const path of ["/", "/ko/", "/playground.html", "/ko/playground.html"]) {
    it(`no serious or critical accessibility violation (axe-core) on ${path}`, async () => {
      const page = await site.browser.context.newPage()
      await page.goto(site.url(path), { waitUntil: "networkidle" })
      if (path.endsWith("playground.html")) await page.getByTestId("pw-results").waitFor()
      expect(seriousOnes(await axeViolations(page))).toEqual([])
      await page.close()
    })
  }
})
