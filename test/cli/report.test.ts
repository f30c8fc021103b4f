/**
 * How `poolwise sync` shows a report: plain functions, tested without running
 * the CLI (its flags: flags.test.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { NodeFileSystem } from "@effect/platform-node"
import { Effect } from "effect"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { SyncReport } from "poolwise/sync"
import { type CliReport, describeIds, formatReport, reportJson, writeFailures } from "../../src/cli/report.ts"

const report = (overrides: Partial<SyncReport> = {}): CliReport => ({
  strategy: "pooled",
  limit: 10,
  write: "row",
  batchSize: 1,
  products: 40,
  updated: 36,
  failed: 4,
  alreadySynced: 0,
  failures: [
    { reason: "Too many connections", errno: 1040, code: "ER_CON_COUNT_ERROR", count: 3, ids: [[3, 3], [7, 8]] },
    { reason: "not attempted", count: 1, ids: [[40, 40]] },
  ],
  statements: 39,
  retries: 2,
  outages: 1,
  elapsedMs: 1234,
  peakConnections: 5,
  runId: "run-x",
  resumed: false,
  ...overrides,
})

describe("the text report", () => {
  it("totals first, then one line per failure reason with its errno and ids as ranges, then how to resume", () => {
    expect(formatReport(report()).split("\n")).toEqual([
      "updated 36 of 40, failed 4, in 1234 ms; peak connections 5, 2 retries, 1 outage ridden through",
      "  failed: Too many connections (errno 1040): ids 3, 7-8",
      "  failed: not attempted: id 40",
      "  run run-x: `sync --resume` continues it, skipping the products it already synced",
    ])
  })

  it("a clean run is one line; a resumed one says how many the earlier run had synced", () => {
    const clean = report({
      failed: 0,
      failures: [],
      updated: 30,
      alreadySynced: 10,
      resumed: true,
      retries: 0,
      outages: 0,
    })
    expect(formatReport(clean).split("\n")).toEqual([
      "updated 30 of 40, failed 0, in 1234 ms; peak connections 5",
      "  resumed run run-x: 10 products were already synced by it",
    ])
  })

  it("no resume hint where no later run can see this one (the simulated database)", () => {
    expect(formatReport(report(), { resumable: false })).not.toContain("--resume")
  })

  it("a long list of ids shows the first eight ranges and the total", () => {
    const ids = Array.from({ length: 20 }, (_, i) => [i * 10, i * 10] as const)
    expect(describeIds({ ids, count: 20 })).toBe("0, 10, 20, 30, 40, 50, 60, 70, … (20 in all)")
    expect(describeIds({ ids: [[1, 1_000_000]], count: 1_000_000 })).toBe("1-1000000")
  })
})

describe("the JSON report", () => {
  it("one line, with the keys scripts read first, failed as a count and failures as groups", () => {
    const json = reportJson(report({ stoppedBy: "interrupted" }))
    expect(json).not.toContain("\n")
    const parsed = JSON.parse(json)
    expect(Object.keys(parsed).slice(0, 6)).toEqual([
      "strategy",
      "products",
      "updated",
      "failed",
      "alreadySynced",
      "failures",
    ])
    expect(parsed).toMatchObject({ failed: 4, stoppedBy: "interrupted", outages: 1, write: "row" })
    expect(parsed.failures[0].ids).toEqual([[3, 3], [7, 8]])
  })
})

describe("--failures FILE", () => {
  it.effect("writes every failed product as one JSON line, in id order, with its reason and errno, through the platform's FileSystem", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "poolwise-report-"))
      try {
        const file = join(dir, "failed.jsonl")
        expect(yield* writeFailures(file, report())).toBe(4)
        const lines = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line))
        expect(lines).toEqual([
          { id: 3, reason: "Too many connections", errno: 1040, code: "ER_CON_COUNT_ERROR" },
          { id: 7, reason: "Too many connections", errno: 1040, code: "ER_CON_COUNT_ERROR" },
          { id: 8, reason: "Too many connections", errno: 1040, code: "ER_CON_COUNT_ERROR" },
          { id: 40, reason: "not attempted" },
        ])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.effect("writes across many chunks: 10,000 failures in one range make 10,000 lines, the last id last", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "poolwise-report-"))
      try {
        const file = join(dir, "failed.jsonl")
        const failures = [{ reason: "interrupted", count: 10_000, ids: [[1, 10_000]] as Array<[number, number]> }]
        expect(yield* writeFailures(file, { failures })).toBe(10_000)
        const lines = readFileSync(file, "utf8").split("\n")
        expect(lines).toHaveLength(10_001) // the last line ends with a newline too
        expect(JSON.parse(lines[9_999]!)).toEqual({ id: 10_000, reason: "interrupted" })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.effect("a file that cannot be written is an error naming the path", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(writeFailures("/nonexistent-dir/failed.jsonl", report()))
      expect(error.message).toContain("could not write the failures to /nonexistent-dir/failed.jsonl")
    }).pipe(Effect.provide(NodeFileSystem.layer)))
})
