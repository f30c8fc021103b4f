/**
 * A snippet of one's own runs from any folder, importing "poolwise" and
 * "effect" as users do: `npm --prefix <repo> run snippet -- FILE` for a file
 * anywhere on disk, and Deno for a file inside the repository (deno.json maps
 * the kit's entries). Both print what the snippet computed.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { root } from "./run.ts"

const snippet = `import { Effect } from "effect"
import { pooled } from "poolwise"
import { greedyStarts } from "poolwise/testing"

const done = await Effect.runPromise(pooled([3, 1, 2], (n: number) => Effect.succeed(n * 10), { concurrency: 2 }))
console.log(JSON.stringify({ done, starts: greedyStarts([100, 300, 200], 2) }))
`
const printed = JSON.stringify({ done: [30, 10, 20], starts: [0, 0, 100] })

const run = (command: string, args: ReadonlyArray<string>, cwd: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd, timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr })
    })
  })

const elsewhere = mkdtempSync(join(tmpdir(), "poolwise-snippet-"))
const inside = join(root, ".tmp", `snippet-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
afterAll(() => {
  rmSync(elsewhere, { recursive: true, force: true })
  rmSync(inside, { recursive: true, force: true })
})

describe("a snippet of your own, from anywhere", { timeout: 600_000 }, () => {
  it("npm --prefix <repo> run snippet -- FILE runs a file outside the repository, from its own folder", async () => {
    writeFileSync(join(elsewhere, "mine.ts"), snippet)
    const { code, stdout, stderr } = await run(
      "npm",
      ["--prefix", root, "run", "--silent", "snippet", "--", "mine.ts"],
      elsewhere,
    )
    expect(stderr).toBe("")
    expect(stdout.trim()).toBe(printed)
    expect(code).toBe(0)
  })

  it("deno runs a file inside the repository from any folder (deno.json maps the kit's entries)", async () => {
    mkdirSync(inside, { recursive: true })
    writeFileSync(join(inside, "mine.ts"), snippet)
    const { code, stdout } = await run(
      join(root, "node_modules/deno/deno"),
      ["run", "-A", join(inside, "mine.ts")],
      elsewhere,
    )
    expect(stdout.trim()).toBe(printed)
    expect(code).toBe(0)
  })

  it("a missing file is refused in the kit's message shape, with the usage", async () => {
    const { code, stderr } = await run(
      "npm",
      ["--prefix", root, "run", "--silent", "snippet", "--", "none.ts"],
      elsewhere,
    )
    expect(stderr).toContain('Invalid option "FILE": expected a TypeScript file to run, got "none.ts"')
    expect(code).toBe(2)
  })
})
