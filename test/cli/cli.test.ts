/**
 * The CLI as a user meets it: spawned for real, asserting exit codes and what
 * it prints. Bad input exits 1 or 2 with a message naming the problem and
 * never the password; Ctrl-C prints the partial report and exits 130.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Redacted } from "effect"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { type AddressInfo, createServer, type Socket } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openHarness } from "../integration/harness.ts"
import { runCli, startCli } from "./run.ts"

interface JsonReport {
  readonly products: number
  readonly updated: number
  readonly failed: number
  readonly failures: ReadonlyArray<
    { readonly reason: string; readonly count: number; readonly ids: Array<[number, number]> }
  >
  readonly alreadySynced: number
  readonly stoppedBy?: string
}

const lastJsonLine = (stdout: string): JsonReport => JSON.parse(stdout.trim().split("\n").pop()!) as JsonReport

describe.concurrent("a bad flag exits 2 with the one message naming it (every value of every flag: flags.test.ts)", () => {
  for (
    const [args, message] of [
      [["sync", "--pool", "abc"], `Invalid option "--pool": expected a whole number ≥ 1, got "abc"`],
      [["demo", "--concurrency", "1.5"], `Invalid option "--concurrency": expected a whole number ≥ 1, got "1.5"`],
      [["runner", "--port", "70000"], `Invalid option "--port": expected a whole number from 1 to 65535, got "70000"`],
    ] as const
  ) {
    it(args.join(" "), async () => {
      const { code, stdout, stderr } = await runCli(args)
      expect(code).toBe(2)
      expect(stdout).toBe("")
      expect(stderr.trim()).toBe(message)
    })
  }
})

describe.concurrent("demo --svg: the docs' picture for your own workload", () => {
  it("writes both TestClock schedules as SVG, exact whatever the machine's timers did", async () => {
    const dir = mkdtempSync(join(tmpdir(), "poolwise-svg-"))
    try {
      const file = join(dir, "out.svg")
      const { code, stdout } = await runCli(["demo", "--durations", "100,300,200", "--svg", file])
      expect(code).toBe(0)
      expect(stdout).toContain(`wrote ${file}`)
      const svg = readFileSync(file, "utf8")
      expect(svg.startsWith("<svg")).toBe(true)
      expect(svg).toContain("chunked, chunkSize 2 (Promise.all per chunk): done at 500 ms")
      expect(svg).toContain("pooled, concurrency 2 (a freed slot takes the next task): done at 300 ms")
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.concurrent("--strategy bulk: multi-row writes, same accounting", () => {
  it("updates every product on the simulated database and reports how many statements it sent, with --retries; --json keeps stdout for the report", async () => {
    const args = ["sync", "--strategy", "bulk", "--products", "120", "--batch-size", "50", "--supplier-latency", "1"]
    const { code, stdout, stderr } = await runCli([...args, "--retries", "2", "--json"])
    expect(code).toBe(0)
    // stdout carries the report alone; the heading and the logs (info by default) go to stderr.
    expect(stdout.trim().split("\n")).toHaveLength(1)
    expect(stderr).toMatch(/INFO .*products 1\.\.120 in place/)
    const report = lastJsonLine(stdout) as JsonReport & { readonly strategy: string; readonly statements: number }
    expect(report).toMatchObject({ strategy: "bulk", write: "bulk", products: 120, updated: 120, failed: 0 })
    expect(report.statements).toBeGreaterThanOrEqual(3)
  })
})

describe.concurrent("--help: every flag with its type and default, and no colour codes in a pipe", () => {
  it("sync --help says what each number flag takes (the rule's own words) and its default, as plain text in a pipe", async () => {
    const { code, stdout } = await runCli(["sync", "--help"])
    expect(code).toBe(0)
    expect(stdout).not.toContain("\x1b[")
    for (
      const flag of [
        "--products",
        "--concurrency",
        "--pool",
        "--retries",
        "--server-wait",
        "--statement-timeout",
        "--batch-size",
      ]
    ) {
      // The flag's own section, from its heading to the next flag's.
      const start = stdout.indexOf(`\n${flag} N\n`)
      expect(start).toBeGreaterThan(0)
      const section = stdout.slice(start + 1, stdout.indexOf("\n--", start + 1))
      expect(section).toMatch(/\n\s*A whole number ≥ [01]\. /)
      expect(section).toMatch(/Default: [^\n]+\./)
    }
  })

  it("a failed run writes every failed product to --failures FILE, one JSON line each", async () => {
    const dir = mkdtempSync(join(tmpdir(), "poolwise-failures-"))
    try {
      const file = join(dir, "failed.jsonl")
      // A server that takes 10 connections against an unbounded pool of 200: refusals.
      const args = ["sync", "--strategy", "unbounded", "--products", "200", "--max-connections", "10"]
      const { code, stdout } = await runCli([
        ...args,
        "--supplier-latency",
        "1",
        "--retries",
        "0",
        "--failures",
        file,
        "--json",
      ])
      expect(code).toBe(1)
      const report = lastJsonLine(stdout)
      const lines = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line))
      expect(lines).toHaveLength(report.failed)
      expect(lines[0]).toMatchObject({ reason: "Too many connections", errno: 1040 })
      expect(report.updated + lines.length).toBe(200)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.concurrent("bad database URLs exit 1 with a clear message and no password", () => {
  const password = "Zq-distinct-Pa55w0rd"

  it("a malformed URL is refused before any connection", async () => {
    const { code, stdout, stderr } = await runCli(["sync", "--database-url", `mysql://app:${password}@db/shop/extra`])
    expect(code).toBe(1)
    expect(stderr).toContain("Invalid database URL")
    expect(stderr).toContain("at most one path segment")
    expect(stdout + stderr).not.toContain(password)
  })

  it("a host that never answers fails within the connect timeout, naming the endpoint, not the password", async () => {
    // A silent server on loopback: it accepts the TCP connection and never
    // sends MySQL's greeting, like a host behind a black-holing firewall.
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
    const { port } = silent.address() as AddressInfo
    try {
      // --server-wait 1: by default a server that does not answer is waited for (30 s).
      const { code, stdout, stderr } = await runCli([
        "sync",
        "--database-url",
        `mysql://app:${password}@127.0.0.1:${port}/shop`,
        "--server-wait",
        "1",
      ])
      expect(code).toBe(1)
      expect(stderr).toContain(`Cannot connect to MySQL at app@127.0.0.1:${port}/shop`)
      expect(stdout + stderr).not.toContain(password)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})

const harness = await openHarness("cli")

describe.skipIf(harness === undefined)("against the real server", () => {
  const h = harness!
  afterAll(() => h.cleanup())

  it("a wrong password exits 1 with the server's 'Access denied', and the password appears nowhere", async () => {
    const user = await h.createUser("cli", 2)
    const wrong = "Wr0ng-distinct-Pa55-4x"
    const url = Redacted.value(h.url({ user: { name: user.name, password: wrong } }))
    const { code, stdout, stderr } = await runCli(["sync", "--database-url", url])
    expect(code).toBe(1)
    expect(stderr).toContain(`Cannot connect to MySQL at ${user.name}@`)
    expect(stderr).toContain("Access denied")
    expect(stdout + stderr).not.toContain(wrong)
    // Nor does the real one.
    expect(stdout + stderr).not.toContain(user.password)
  })
})

describe("Ctrl-C", () => {
  it("SIGINT mid-run: exit 130 and a partial report where updated + failed = products, the rest 'interrupted' or 'not attempted'", async () => {
    const cli = startCli(["sync", "--products", "20000", "--supplier-latency", "50", "--json"])
    // With --json the heading goes to stderr: once it is there, the run has started.
    await cli.waitFor("sync 20000 products")
    cli.signal("SIGINT")
    const { code, stdout } = await cli.done
    expect(code).toBe(130)
    const report = lastJsonLine(stdout)
    expect(report.stoppedBy).toBe("interrupted")
    expect(report.updated + report.failed + report.alreadySynced).toBe(report.products)
    expect(report.updated).toBeLessThan(report.products)
    expect(new Set(report.failures.map((f) => f.reason))).toSatisfy((reasons: Set<string>) =>
      [...reasons].every((reason) => reason === "interrupted" || reason === "not attempted")
    )
  })
})
