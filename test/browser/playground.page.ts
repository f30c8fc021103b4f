import { writeFileSync } from "node:fs"
import { loadavg } from "node:os"
import type { Page } from "playwright-core"
import { chunkedStarts, greedyStarts, makespanOf } from "poolwise/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { stringsFor } from "../../docs/.vitepress/playground/strings.ts"
import { openSite, repo, screenshotPath, type Site, watchProblems } from "./support/site.ts"
import { join } from "node:path"

let site: Site

beforeAll(async () => {
  site = await openSite()
}, 300_000)

afterAll(async () => {
  await site?.close()
})

const en = stringsFor("en")
const ko = stringsFor("ko")

/** Opens a playground page and waits for the kit's first results. */
const openPlayground = async (path: string): Promise<{ page: Page; problems: Array<string> }> => {
  const page = await site.browser.context.newPage()
  const problems = watchProblems(page)
  await page.goto(site.url(path))
  await page.getByTestId("pw-results").waitFor()
  return { page, problems }
}

/** Waits until the results are those of the given input (the component echoes what it computed for). */
const resultsFor = async (page: Page, input: { limit?: string; durations?: string; tasks?: number }) => {
  const selectors = [
    input.limit === undefined ? "" : `[data-limit="${input.limit}"]`,
    input.tasks === undefined ? "" : `[data-tasks="${input.tasks}"]`,
  ].join("")
  await page.locator(`[data-testid="pw-results"]${selectors}`).waitFor()
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim()

const durationsOn = async (page: Page, label: string) =>
  (await page.getByLabel(label).inputValue()).split(",").map((entry) => Number(entry.trim()))

describe("the playground runs the kit in the browser", () => {
  it("the blog's workload by default: chunked done at 500 ms, pooled at 300 ms, drawn by the kit's renderer", async () => {
    const { page, problems } = await openPlayground("/playground.html")
    expect(await text(page, "pw-chunked-makespan")).toBe("500 ms")
    expect(await text(page, "pw-pooled-makespan")).toBe("300 ms")
    expect(await text(page, "pw-chunked-idle")).toBe("400 ms")
    expect(await text(page, "pw-pooled-idle")).toBe("0 ms")
    expect(await page.locator(".pw-svg svg").count()).toBe(1)
    expect(await page.locator(".pw-svg svg").textContent()).toContain("done at 500 ms")
    await page.screenshot({ path: screenshotPath("playground.png"), fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })

  it("a limit of 3, then 24 random tasks at limits 3 and 2 with chunk size 4: the makespans the reference schedules predict", async () => {
    const { page, problems } = await openPlayground("/playground.html")
    const check = async (limit: number, chunkSize: number) => {
      const durations = await durationsOn(page, en.durations)
      expect(await text(page, "pw-pooled-makespan")).toBe(`${makespanOf(greedyStarts(durations, limit), durations)} ms`)
      expect(await text(page, "pw-chunked-makespan"))
        .toBe(`${makespanOf(chunkedStarts(durations, chunkSize), durations)} ms`)
    }
    await page.getByLabel(en.limit).fill("3")
    await resultsFor(page, { limit: "3" })
    await check(3, 3)
    await page.getByRole("button", { name: en.randomTasks(24) }).click()
    await resultsFor(page, { limit: "3", tasks: 24 })
    await check(3, 3)
    await page.getByLabel(en.limit).fill("2")
    await page.getByLabel(en.chunkSize).fill("4")
    await page.locator(`[data-testid="pw-results"][data-limit="2"][data-chunk-size="4"]`).waitFor()
    await check(2, 4)
    expect(problems).toEqual([])
    await page.close()
  })

  it("an invalid duration shows the kit's own message, and the page stays whole", async () => {
    const { page, problems } = await openPlayground("/playground.html")
    await page.getByLabel(en.durations).fill("100, abc, 200")
    // The kit's InvalidOptionError message shape, as the Node tests pin it (test/site/playground.test.ts).
    const expected = `Invalid option "durations": expected whole milliseconds ≥ 0 separated by commas, got "abc"`
    await page.getByTestId("pw-error-message").filter({ hasText: expected }).waitFor()
    expect(await text(page, "pw-error-message")).toBe(expected)
    expect(await page.getByRole("heading", { level: 1 }).isVisible()).toBe(true)
    await page.getByLabel(en.durations).fill("100, 300, 200")
    await resultsFor(page, { limit: "2" })
    expect(await text(page, "pw-pooled-makespan")).toBe("300 ms")
    expect(problems).toEqual([])
    await page.close()
  })

  it("the Korean page labels everything in Korean, its picture too, and computes the same schedules", async () => {
    const { page, problems } = await openPlayground("/ko/playground.html")
    expect(await page.getByLabel(ko.limit).inputValue()).toBe("2")
    expect(await page.getByRole("button", { name: ko.runLive }).isVisible()).toBe(true)
    expect(await text(page, "pw-chunked-makespan")).toBe("500 ms")
    expect(await text(page, "pw-pooled-makespan")).toBe("300 ms")
    const picture = await page.locator(".pw-svg svg").textContent()
    expect(picture).toContain(ko.idleLabel)
    // The renderer's own words too: the makespan marker, the slots, the legend.
    expect(picture).toContain(ko.svgWords.doneAt!("500"))
    expect(picture).toContain(ko.svgWords.slot!(2))
    expect(picture).toContain(ko.svgWords.outcomes!.succeeded)
    expect(picture).not.toMatch(/done at|slot \d|succeeded/)
    await page.screenshot({ path: screenshotPath("playground-ko.png"), fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })

  it("the real-clock run shows measured makespans beside the predicted ones, never earlier than predicted", async () => {
    const { page, problems } = await openPlayground("/playground.html")
    await page.getByRole("button", { name: en.runLive }).click()
    await page.getByTestId("pw-live-pooled").filter({ hasText: "/" }).waitFor()
    for (const [name, predicted] of [["chunked", 500], ["pooled", 300]] as const) {
      const [measured, shown] = (await text(page, `pw-live-${name}`))!.replace(" ms", "").split(" / ").map(Number)
      expect(shown).toBe(predicted)
      // Real timers never fire early; a busy machine only makes them late. 1 ms for the clock's rounding.
      expect(measured).toBeGreaterThanOrEqual(predicted - 1)
    }
    expect(problems).toEqual([])
    await page.close()
  })

  it("recomputes 200 tasks after each edit of the limit (the time it takes is reported, not judged)", async () => {
    const { page, problems } = await openPlayground("/playground.html")
    // The page's main-thread CPU time (Chromium's ThreadTime), beside the wall time: on a busy machine the wall time
    // mostly measures waiting for a core, the CPU time what the recompute costs.
    const cdp = await site.browser.context.newCDPSession(page)
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" })
    const threadMs = async () => {
      const { metrics } = await cdp.send("Performance.getMetrics")
      return (metrics.find((metric) => metric.name === "ThreadTime")?.value ?? Number.NaN) * 1000
    }
    await page.getByRole("button", { name: en.randomTasks(200) }).click()
    await resultsFor(page, { tasks: 200 })
    const wall: Array<number> = []
    const cpu: Array<number> = []
    for (const limit of ["3", "4", "5", "6", "7", "8", "9", "10"]) {
      const before = await threadMs()
      await page.getByLabel(en.limit).fill(limit)
      await resultsFor(page, { limit, tasks: 200 })
      cpu.push(Math.round((await threadMs()) - before))
      const durations = await durationsOn(page, en.durations)
      expect(await text(page, "pw-pooled-makespan"))
        .toBe(`${makespanOf(greedyStarts(durations, Number(limit)), durations)} ms`)
      wall.push(Number(await page.getByTestId("pw-computed").getAttribute("data-edit-ms")))
    }
    const median = (values: ReadonlyArray<number>) => {
      const sorted = [...values].sort((a, b) => a - b)
      return Math.round(((sorted[3]! + sorted[4]!) / 2) * 10) / 10
    }
    const figure = {
      tasks: 200,
      medianWallMs: median(wall),
      medianMainThreadCpuMs: median(cpu),
      wallMs: wall,
      mainThreadCpuMs: cpu,
      loadAverage: loadavg().map((load) => Math.round(load * 10) / 10),
    }
    console.log(
      `playground: 200 tasks recomputed in a median of ${figure.medianWallMs} ms per edit, from the edit to the ` +
        `results on the page (${wall.join(", ")}); main-thread CPU ${figure.medianMainThreadCpuMs} ms ` +
        `(${cpu.join(", ")}); load average ${figure.loadAverage.join(" ")}`,
    )
    writeFileSync(join(repo, ".tmp/site-screenshots/recompute.json"), JSON.stringify(figure, null, 2))
    expect(wall.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  })
})
