import { describe, expect, it } from "@effect/vitest"
import { resolve } from "node:path"
import { BROWSER_ENTRIES, checkBrowserBundles } from "../../scripts/browser/bundle.ts"

const repo = resolve(import.meta.dirname, "../..")

describe("the core bundles for the browser", { timeout: 120_000 }, () => {
  it("the root entry, poolwise/testing and poolwise/timeline reach no Node built-in", async () => {
    const report = await checkBrowserBundles(repo)
    expect(report.builtins).toEqual([])
    expect(Object.keys(report.bytes)).toEqual([...BROWSER_ENTRIES])
  })

  it("a Node built-in that creeps in is caught, with the file that imports it", async () => {
    const report = await checkBrowserBundles(repo, ["test/site/fixtures/usesNodeFs.ts"])
    expect(report.builtins).toEqual([
      { entry: "test/site/fixtures/usesNodeFs.ts", builtin: "node:fs", importer: "test/site/fixtures/readsConfig.ts" },
    ])
  })
})
