/**
 * `--log-level` on every command: one flag in each command's help, read
 * wherever it stands (right after the command's name, among its flags, or
 * before the command), and it sets what the command's own work logs, on
 * stderr: `debug` adds debug lines, `error` hides the info ones. Spawned for
 * real; the runner's case starts real runners on the MariaDB at 3306 and
 * stops them.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Redacted } from "effect"
import { openHarness } from "../integration/harness.ts"
import { freePort } from "../integration/support/serverProcess.ts"
import { parseCli } from "./inProcess.ts"
import { runCli, startCli } from "./run.ts"

/** The pretty logger's line heads: `[12:00:00.123] DEBUG (#17): …`. */
const debugLine = /^\[[\d:.]+\] DEBUG /m
const infoLine = /^\[[\d:.]+\] INFO /m

describe.concurrent("--log-level is listed once in each command's help", () => {
  for (const command of ["demo", "sync", "runner"]) {
    it(`${command} --help: one --log-level, none of @effect/cli's built-in duplicates`, async () => {
      const { code, stdout } = await parseCli([command, "--help"])
      expect(code).toBe(0)
      expect(stdout.match(/^--log-level /gm)).toHaveLength(1)
      expect(stdout).toContain("What the command logs, on stderr")
    })
  }
})

describe.concurrent("sync --log-level governs what the run logs, wherever the flag stands", () => {
  const sync = ["sync", "--products", "20", "--supplier-latency", "1"]

  it("debug among the flags: the plan at debug, then the info lines", async () => {
    const { code, stderr } = await runCli([...sync, "--log-level", "debug"])
    expect(code).toBe(0)
    expect(stderr).toMatch(/DEBUG .*plan: products=20 strategy=pooled concurrency=10/)
    expect(stderr).toMatch(infoLine)
  })

  it("debug before the command (read by @effect/cli's own flag): the same debug line", async () => {
    const { code, stderr } = await runCli(["--log-level", "debug", ...sync])
    expect(code).toBe(0)
    expect(stderr).toMatch(/DEBUG .*plan: products=20/)
  })

  it("error right after the command's name: no info or debug line, the report still printed", async () => {
    const { code, stdout, stderr } = await runCli(["sync", "--log-level", "error", ...sync.slice(1)])
    expect(code).toBe(0)
    expect(stdout).toContain("updated 20 of 20")
    expect(stderr).not.toMatch(infoLine)
    expect(stderr).not.toMatch(debugLine)
  })
})

const harness = await openHarness("cli_log")

describe.skipIf(harness === undefined)("runner --log-level on a real runner", () => {
  const h = harness!
  afterAll(() => h.cleanup())

  /** Starts a runner on a database of its own, waits until it is ready, stops it (SIGTERM); its output. */
  const runnerOutput = async (logLevel: ReadonlyArray<string>) => {
    const database = await h.createDatabase(`r${Math.random().toString(36).slice(2, 6)}`)
    const port = await freePort()
    // The URL in the environment, not in the command line `ps` shows.
    const cli = startCli(["runner", "--port", String(port), "--pool", "1", ...logLevel], {
      MYSQL_URL: Redacted.value(h.url({ database })),
    })
    try {
      await cli.waitFor("runner ready at")
      cli.signal("SIGTERM")
      const { stdout, stderr } = await cli.done
      return { stdout, stderr }
    } finally {
      cli.signal("SIGKILL") // a no-op once it has ended
    }
  }

  it("debug: its settings and the cluster's own debug lines, besides the info ones", async () => {
    const { stdout, stderr } = await runnerOutput(["--log-level", "debug"])
    expect(stdout).toContain("runner ready at")
    expect(stderr).toMatch(/DEBUG .*runner settings: host=127\.0\.0\.1 port=\d+ listenHost=127\.0\.0\.1 pool=1/)
    expect(stderr).toMatch(/INFO .*Listening on/)
  })

  it("error: no info line (not even the cluster's 'Listening on'), and no debug line", async () => {
    const { stdout, stderr } = await runnerOutput(["--log-level", "error"])
    expect(stdout).toContain("runner ready at")
    expect(stderr).not.toMatch(infoLine)
    expect(stderr).not.toMatch(debugLine)
  })
})
