/**
 * What each entry point costs to import, in a fresh Node process: the core
 * entry is for services that only want the runners, so it must not pull in a
 * SQL driver.
 */
import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

/**
 * The module URLs a fresh Node process loads to import `entry` (a file under
 * src/). Asynchronous, so a loaded machine never stalls the test worker.
 */
const modulesLoadedBy = async (entry: string): Promise<Array<string>> => {
  const dir = mkdtempSync(join(tmpdir(), "poolwise-loads-"))
  const file = join(dir, "loads.txt")
  try {
    const target = pathToFileURL(join(root, entry)).href
    await new Promise<void>((resolve, reject) =>
      execFile(
        "node",
        [
          "--import",
          "tsx",
          "--import",
          pathToFileURL(join(root, "test/entries/recordLoads.mjs")).href,
          "--input-type=module",
          "-e",
          `await import(${JSON.stringify(target)})`,
        ],
        { cwd: root, env: { ...process.env, POOLWISE_LOADS: file } },
        (error) => error ? reject(error) : resolve(),
      )
    )
    return readFileSync(file, "utf8").trim().split("\n")
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const fromPackage = (urls: ReadonlyArray<string>, name: string) =>
  urls.filter((url) => url.includes(`/node_modules/${name}/`))

describe("the entry points are the same for every consumer", () => {
  it("package.json and deno.json export the same entries; package.json maps each to the compiled source and hides internal/*", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
    const deno = JSON.parse(readFileSync(join(root, "deno.json"), "utf8"))
    const npmEntries = Object.keys(pkg.exports).filter((key) => key !== "./package.json" && key !== "./internal/*")
    expect(npmEntries.sort()).toEqual(Object.keys(deno.exports).sort())
    for (const entry of npmEntries) {
      const source = deno.exports[entry] as string
      expect(source).toMatch(/^\.\/src\/(.+\/)?index\.ts$/)
      expect(pkg.exports[entry].import).toBe(source.replace("./src/", "./dist/").replace(/\.ts$/, ".js"))
      expect(pkg.exports[entry].types).toBe(source.replace("./src/", "./dist/").replace(/\.ts$/, ".d.ts"))
    }
    expect(pkg.exports["./internal/*"]).toBeNull()
  })
})

describe("importing an entry loads only what that entry needs", () => {
  it("poolwise (the runners) loads effect, and no mysql2 or @effect/sql", async () => {
    const loaded = await modulesLoadedBy("src/index.ts")
    expect(fromPackage(loaded, "effect").length).toBeGreaterThan(0)
    expect(fromPackage(loaded, "mysql2")).toEqual([])
    expect(fromPackage(loaded, "@effect/sql")).toEqual([])
    expect(fromPackage(loaded, "@effect/sql-mysql2")).toEqual([])
    expect(fromPackage(loaded, "@effect/cluster")).toEqual([])
    expect(loaded.filter((url) => /\/src\/(sync|sql|cluster)\//.test(url))).toEqual([])
  })

  for (const entry of ["fixtures", "testing"]) {
    it(`poolwise/${entry} loads no SQL driver either`, async () => {
      const loaded = await modulesLoadedBy(`src/${entry}/index.ts`)
      expect(fromPackage(loaded, "mysql2")).toEqual([])
      expect(fromPackage(loaded, "@effect/sql")).toEqual([])
    })
  }

  it("poolwise/sync does load the driver: the check above would see it", async () => {
    const loaded = await modulesLoadedBy("src/sync/index.ts")
    expect(fromPackage(loaded, "mysql2").length).toBeGreaterThan(0)
    expect(fromPackage(loaded, "@effect/sql").length).toBeGreaterThan(0)
  })
})
