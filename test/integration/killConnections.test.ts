/**
 * Another client kills the job's connections once a second (`KILL
 * CONNECTION`, as an operator, a proxy or a failover would) for the whole
 * run, on the shared MariaDB as a throwaway user. The CLI runs for real, as a
 * child process. Outcomes only: exit code, report, rows.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import mysql from "mysql2/promise"
import { runCli } from "../cli/run.ts"
import { openHarness, pollUntil } from "./harness.ts"
import { queryOn } from "./support/adminQuery.ts"
import { killConnectionsEvery } from "./support/killConnections.ts"

const harness = await openHarness("killconn")

const products = 1500

interface JsonReport {
  readonly products: number
  readonly updated: number
  readonly failed: number
  readonly retries: number
  readonly runId: string
}

describe.skipIf(harness === undefined)("the job's connections killed every second", () => {
  const h = harness!
  const query = queryOn(h.admin)
  afterAll(() => h.cleanup())

  const syncedRows = async (where: string, values: Array<unknown> = []) => {
    const [row] = await query(`SELECT COUNT(*) AS n FROM ${mysql.escapeId(h.database)}.products WHERE ${where}`, values)
    return Number(row!["n"])
  }

  it(
    "a default `sync --database-url …` survives KILL CONNECTION once a second on every connection it has: every product updated, exit 0",
    async () => {
      const user = await h.createUser("job", 10)
      const run = runCli([
        "sync",
        "--database-url",
        Redacted.value(h.url({ user })),
        "--products",
        String(products),
        "--concurrency",
        "8",
        "--pool",
        "3",
        "--json",
      ])
      let ended = false
      void run.then(() => (ended = true))
      // The killing starts once the run writes products (the CLI migrates and seeds first), so it hits the sync itself.
      await Effect.runPromise(
        pollUntil(
          Effect.promise(async () => ended || (await syncedRows("sync_run_id IS NOT NULL").catch(() => 0)) > 0),
          (done) => done,
          "120 seconds",
        ),
      )
      const killer = killConnectionsEvery(query, user.name, 1_000)
      const result = await run
      const { killed } = await killer.stop()

      expect(result.code).toBe(0)
      const report = JSON.parse(result.stdout.trim().split("\n").pop()!) as JsonReport
      expect(report).toMatchObject({ products, updated: products, failed: 0 })
      expect(await syncedRows("sync_run_id = ?", [report.runId])).toBe(products)
      // The run really lost connections: the first round found it connected.
      expect(killed).toBeGreaterThanOrEqual(1)
      await h.waitForDrain(user)
    },
    300_000,
  ) // a backstop against a hang: on a loaded 2-core machine the CLI's start alone can take 40 s
})
