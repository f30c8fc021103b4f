/**
 * A command's modules load when it is chosen, not before: `--help`, a
 * refused flag and `demo` start without the SQL driver, the cluster or the
 * job, which only `sync` and `runner` load. Read from the modules a real CLI
 * process loads (the load hook of test/entries), not from timings; the start
 * times themselves are in `npm run bench` (section 10).
 */
import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

/** The module URLs `poolwise <args>` loads, run from the sources in a fresh Node process. */
const modulesLoadedBy = async (args: ReadonlyArray<string>): Promise<Array<string>> => {
  const dir = mkdtempSync(join(tmpdir(), "poolwise-cli-loads-"))
  const file = join(dir, "loads.txt")
  const { MYSQL_URL: _, ...env } = process.env
  try {
    await new Promise<void>((resolve) =>
      execFile(
        "node",
        [
          "--import",
          "tsx",
          "--import",
          pathToFileURL(join(root, "test/entries/recordLoads.mjs")).href,
          "src/cli/main.ts",
          ...args,
        ],
        { cwd: root, env: { ...env, POOLWISE_LOADS: file } },
        // Exit codes are the other tests' business (a refused flag exits 2): only what loaded matters here.
        () => resolve(),
      )
    )
    return readFileSync(file, "utf8").trim().split("\n")
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What only `sync` and `runner` need: the driver, the SQL layer, the cluster, the job and their CLI modules. */
const heavy = (urls: ReadonlyArray<string>) =>
  urls.filter((url) =>
    /\/node_modules\/(mysql2|@effect\/sql|@effect\/sql-mysql2|@effect\/cluster)\//.test(url) ||
    /\/src\/(sync|sql|cluster|internal\/(sync|sql|cluster))\//.test(url) ||
    /\/src\/cli\/(sync|clusterSync|runner|tour)\.ts$/.test(url)
  )

describe.concurrent("the CLI loads a command's modules only when that command runs", () => {
  for (const args of [["--help"], ["sync", "--help"], ["runner", "--help"], ["sync", "--pool", "abc"]]) {
    it(`poolwise ${args.join(" ")}: no SQL driver, no cluster, no job`, async () => {
      const loaded = await modulesLoadedBy(args)
      expect(loaded.some((url) => url.endsWith("/src/cli/poolwise.ts"))).toBe(true)
      expect(heavy(loaded)).toEqual([])
    })
  }

  it("poolwise demo: the demo's modules, and still no SQL driver, no cluster, no job", async () => {
    const loaded = await modulesLoadedBy(["demo", "--durations", "1,2,1"])
    expect(loaded.some((url) => url.endsWith("/src/cli/demo.ts"))).toBe(true)
    expect(heavy(loaded)).toEqual([])
  })

  it("poolwise sync does load them: the check above would see it", async () => {
    const loaded = await modulesLoadedBy(["sync", "--products", "1", "--supplier-latency", "1"])
    expect(loaded.some((url) => url.endsWith("/src/cli/sync.ts"))).toBe(true)
    expect(loaded.some((url) => url.includes("/node_modules/mysql2/"))).toBe(true)
  })
})
