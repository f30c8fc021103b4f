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
    const weights = await page.evaluate(`(() => {
      const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
      return {
        transferred: entries.reduce((sum, e) => sum + e.transferSize, 0),
        decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
        files: entries.map((e) => e.name),
      }
    })()`) as { transferred: number; decoded: number; files: Array<string> }
    const kb = (bytes: number) => Math.round(bytes / 102.4) / 10
    console.log(
      `home page: ${kb(weights.transferred)} KB transferred (gzip), ${kb(weights.decoded)} KB uncompressed, ` +
        `${weights.files.length} files`,
    )
    writeFileSync(
      join(repo, ".tmp/site-screenshots/home-weight.json"),
      JSON.stringify(
        { transferredKb: kb(weights.transferred), uncompressedKb: kb(weights.decoded), files: weights.files },
        null,
        2,
      ),
    )
    expect(weights.transferred).toBeGreaterThan(0)
    expect(weights.transferred).toBeLessThan(300 * 1024)
    expect(weights.files.some((file) => /compute\.[\w-]+\.js$/.test(file))).toBe(false)
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
