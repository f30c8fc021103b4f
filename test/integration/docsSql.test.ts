/**
 * Every `sql` block in README.md and docs/ runs against the real server, on a
 * migrated database, so the queries the walkthroughs teach stay valid SQL for
 * MariaDB/MySQL (the docs checker covers the other languages).
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { resolve } from "node:path"
import { layerMysql, migrate } from "poolwise/sql"
import { readDocs } from "../../scripts/docs/check.ts"
import { openHarness } from "./harness.ts"

const harness = await openHarness("docsql")
const repo = resolve(import.meta.dirname, "../..")

const sqlBlocks = readDocs(repo).flatMap((doc) =>
  doc.blocks.filter((block) => block.lang === "sql").map((block) => ({ where: `${doc.path}:${block.line}`, block }))
)

describe.skipIf(harness === undefined)("the SQL in the docs runs on a real server", () => {
  const h = harness!
  afterAll(() => h.cleanup())

  it("the docs have SQL blocks to check", () => {
    expect(sqlBlocks.length).toBeGreaterThan(0)
  })

  for (const { where, block } of sqlBlocks) {
    it(`${where} runs without error`, async () => {
      await Effect.runPromise(Effect.provide(migrate, layerMysql({ url: h.url(), poolSize: 1 })))
      await h.admin.query(`USE \`${h.database}\``)
      const [rows] = await h.admin.query(block.code)
      expect(Array.isArray(rows)).toBe(true)
    })
  }
})
