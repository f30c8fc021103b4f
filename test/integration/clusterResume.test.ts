/**
 * Completing a cluster run, and a runner's exit, on a real runner process and
 * the real MariaDB: a `sync --cluster` stopped with Ctrl-C mid-run is
 * completed by `sync --cluster --resume-run <runId>` (the products it did not
 * write, each product written once over both invocations, the same report
 * shape); an unknown run id is refused; the runner stopped with SIGTERM hands
 * over, drops its registration and exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Redacted } from "effect"
import { openHarness } from "./harness.ts"
import { queryOn } from "./support/adminQuery.ts"
import { clusterRunQueries } from "./support/clusterRun.ts"
import { type RunnerChild, startNodeCli, startRunner } from "./support/runnerProcess.ts"
import { sleep } from "./support/serverProcess.ts"
import { seedProducts } from "./support/syncJob.ts"
import { installWriteAudit, writesOfRun } from "./support/writeAudit.ts"

const harness = await openHarness("clresume")

const products = 600
const runnerFlags = { pool: 2, clusterPool: 2, concurrency: 5, supplierLatencyMs: 50 }
/** Backstops against a hang, not targets. */
const withinMs = 120_000
const timeoutMs = 300_000
const underDeno = "deno" in process.versions

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!)

describe.skipIf(harness === undefined)("sync --cluster --resume-run, and a runner's exit code", () => {
  const h = harness!
  const query = queryOn(h.admin)
  const db = clusterRunQueries(query, h.database)
  const url = h.url()
  let runner: RunnerChild

  beforeAll(async () => {
    await seedProducts(url, products)
    await installWriteAudit(query, h.database)
    runner = await startRunner(url, runnerFlags)
    await runner.waitFor("coordinator started", withinMs)
  }, timeoutMs)

  afterAll(async () => {
    try {
      await runner?.dispose()
    } finally {
      await h.cleanup()
    }
  }, 120_000)

  const cli = (args: ReadonlyArray<string>) => startNodeCli(args, { MYSQL_URL: Redacted.value(url) })

  it(
    "a run stopped with Ctrl-C is completed by --resume-run: only the products it did not write, each written once",
    async () => {
      const first = cli(["sync", "--cluster", "--products", String(products), "--json"])
      let runId: string | undefined
      try {
        const deadline = Date.now() + withinMs
        while (runId === undefined || (await db.state(runId, runner.address)).pagesDone < 3) {
          if (first.exited() || Date.now() > deadline) throw new Error(`the run never got going:\n${first.output()}`)
          runId ??= (await db.runIds())[0]
          await sleep(20)
        }
        first.process.kill("SIGINT")
        expect(await first.waitForExit(withinMs), first.output()).toBe(true)
      } finally {
        if (!first.exited()) first.process.kill("SIGKILL")
      }
      if (!underDeno || first.exitCode() !== null) expect(first.exitCode(), first.output()).toBe(130)
      const partial = lastJson(first.stdout())
      expect(partial.runId).toBe(runId)
      expect(partial.updated).toBeGreaterThan(0)
      expect(partial.updated).toBeLessThan(products)
      expect(partial.updated + partial.failed).toBe(products)
      const before = await writesOfRun(query, h.database, runId!)
      expect(before.twice).toEqual([])

      const second = cli(["sync", "--cluster", "--resume-run", runId!, "--json"])
      try {
        expect(await second.waitForExit(withinMs), second.output()).toBe(true)
      } finally {
        if (!second.exited()) second.process.kill("SIGKILL")
      }
      expect(second.exitCode(), second.output()).toBe(0)
      const completed = lastJson(second.stdout())
      expect(Object.keys(completed).sort()).toEqual(Object.keys(partial).filter((k) => k !== "stoppedBy").sort())
      expect(completed).toMatchObject({ runId, products, failed: 0, failures: [], resumed: true })
      // The products the first invocation wrote are skipped, not written again: the rest are written now.
      expect(completed.alreadySynced).toBe(before.products)
      expect(completed.updated).toBe(products - before.products)
      expect(await writesOfRun(query, h.database, runId!)).toEqual({ products, writes: products, twice: [] })
    },
    timeoutMs,
  )

  it("--resume-run with an id no cluster run has exits 1 and says so, submitting nothing", async () => {
    const earlier = await db.runIds()
    const client = cli(["sync", "--cluster", "--resume-run", "no-such-run"])
    try {
      expect(await client.waitForExit(withinMs), client.output()).toBe(true)
    } finally {
      if (!client.exited()) client.process.kill("SIGKILL")
    }
    expect(client.exitCode(), client.output()).toBe(1)
    expect(client.output()).toContain("no cluster run has this id")
    expect(await db.runIds()).toEqual(earlier)
  }, timeoutMs)

  it("a runner stopped with SIGTERM hands over, drops its registration and exits 0", async () => {
    expect(await db.registrations()).toContain(runner.address)
    runner.process.kill("SIGTERM")
    expect(await runner.waitForExit(withinMs), runner.output()).toBe(true)
    // Under Deno the child reads as ended by the signal it was sent, even when it exited by itself (test/cli/run.ts).
    if (underDeno && runner.exitCode() === null) expect(runner.exitSignal()).toBe("SIGTERM")
    else expect(runner.exitCode(), runner.output()).toBe(0)
    expect(await db.registrations()).not.toContain(runner.address)
  }, timeoutMs)
})
