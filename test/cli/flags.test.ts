/**
 * Every number flag of every command refuses every bad value the same way:
 * exit code 2 before any work (nothing on stdout, no heading, no run), one
 * line on stderr naming the flag, in the kit's one message shape
 * (`Invalid option "--pool": expected a whole number ≥ 1, got "abc"`).
 * Run in-process through the commands' own definitions; cli.test.ts spawns
 * one bad value per command, to cover the real process too.
 */
import { describe, expect, it } from "@effect/vitest"
import { Command, HelpDoc, Usage } from "@effect/cli"
import { demoCommand } from "../../src/cli/demoCommand.ts"
import { runnerCommand } from "../../src/cli/runnerCommand.ts"
import { syncCommand } from "../../src/cli/syncCommand.ts"
import { parseCli } from "./inProcess.ts"

const atLeast = (min: number) => `expected a whole number ≥ ${min}`

/** Each command's number flags and what each expects: the table the bad values go through. */
const numberFlags: Record<"demo" | "sync" | "runner", Record<string, string>> = {
  demo: { "--concurrency": atLeast(1), "--chunk-size": atLeast(1), "--durations": atLeast(0) },
  sync: {
    "--products": atLeast(1),
    "--concurrency": `${atLeast(1)} or "auto"`,
    "--chunk-size": atLeast(1),
    "--batch-size": atLeast(1),
    "--pool": atLeast(1),
    "--supplier-latency": atLeast(1),
    "--supplier-capacity": atLeast(1),
    "--max-connections": atLeast(1),
    "--retries": atLeast(0),
    "--server-wait": atLeast(0),
    "--statement-timeout": atLeast(1),
    "--page-size": atLeast(1),
  },
  runner: {
    "--port": "expected a whole number from 1 to 65535",
    "--pool": atLeast(1),
    "--cluster-pool": atLeast(2),
    "--concurrency": atLeast(1),
    "--supplier-latency": atLeast(1),
    "--budget": atLeast(1),
  },
}

const commands = { demo: demoCommand, sync: syncCommand, runner: runnerCommand }

/** `--flag N` (and `--flag MS,MS,…`) in a command's usage line: its number flags as the command declares them. */
const declaredNumberFlags = (command: Command.Command<string, never, unknown, unknown>): Array<string> => {
  const usage = HelpDoc.toAnsiText(Usage.getHelp(Command.getUsage(command)))
  return [...usage.matchAll(/\[(--[a-z-]+) (?:N|MS,MS,…)\]/g)].map((match) => match[1]!)
}

const badValues = ["-1", "NaN", "1.5", "abc", String(2 ** 53), "Infinity", "-5 seconds", ""]

describe("the table covers every number flag each command declares", () => {
  for (const [name, command] of Object.entries(commands)) {
    it(`${name}: the flags in its usage line are the flags in the table`, () => {
      expect(declaredNumberFlags(command as never).sort()).toEqual(Object.keys(numberFlags[name as "sync"]).sort())
    })
  }
})

describe.concurrent("a bad number exits 2 before any work, naming the flag, in the one message shape", () => {
  for (const [command, flags] of Object.entries(numberFlags)) {
    for (const [flag, expected] of Object.entries(flags)) {
      it(`${command} ${flag}: ${badValues.map((value) => JSON.stringify(value)).join(", ")}`, async () => {
        for (const value of badValues) {
          const { code, stdout, stderr } = await parseCli([command, flag, value])
          expect({ value, code, stdout, stderr: stderr.trim() }).toEqual({
            value,
            code: 2,
            stdout: "",
            stderr: `Invalid option "${flag}": ${expected}, got ${JSON.stringify(value)}`,
          })
        }
      })
    }
  }

  it("--flag=value is read the same way", async () => {
    const { code, stderr } = await parseCli(["sync", "--retries=1.5"])
    expect(code).toBe(2)
    expect(stderr.trim()).toBe(`Invalid option "--retries": expected a whole number ≥ 0, got "1.5"`)
  })

  it("--durations names the item it refuses, not the whole list", async () => {
    const { code, stderr } = await parseCli(["demo", "--durations", "100,-5,200"])
    expect(code).toBe(2)
    expect(stderr.trim()).toBe(`Invalid option "--durations": expected a whole number ≥ 0, got "-5"`)
  })
})

describe.concurrent("flags that cannot go together exit 2 before any work, read from the parsed flags", () => {
  const url = "mysql://root@127.0.0.1:3306/test"
  for (
    const [args, message] of [
      [["sync", "--cluster"], "--cluster needs --database-url (or MYSQL_URL): the runners' database"],
      [["sync", "--page-size", "10"], "--page-size only applies to --cluster runs"],
      [["sync", "--cluster", "--database-url", url, "--resume", "--pool", "3"], "--pool, --resume do not apply"],
      [["sync", "--cluster", "--database-url", url, "--strategy", "pooled"], "--strategy does not apply"],
      [["sync", "--cluster", "--database-url", url, "--max-connections=9"], "--max-connections does not apply"],
      [["sync", "--cluster", "--database-url", url, "--rate", "50/s"], "--rate does not apply"],
      [["sync", "--resume-run", "run-1"], "--resume-run only applies to --cluster runs"],
      [["sync", "--strategy", "unbounded", "--rate", "5/s"], "--rate does not apply to --strategy unbounded"],
      [["sync", "--cluster", "--database-url", url, "--resume"], "completed with --resume-run RUN_ID"],
      [
        ["sync", "--cluster", "--database-url", url, "--resume-run", "run-1", "--products", "10"],
        "--products does not apply to --resume-run",
      ],
      [["sync", "--cluster", "--database-url", url, "--resume-run", "a b"], 'Invalid option "--resume-run"'],
    ] as const
  ) {
    it(args.join(" "), async () => {
      const { code, stdout, stderr } = await parseCli(args)
      expect(code).toBe(2)
      expect(stdout).toBe("")
      expect(stderr).toContain(message)
    })
  }
})

describe.concurrent("sync --rate takes N per unit of time, and sync --concurrency takes auto", () => {
  const rateReason =
    `expected a rate such as "50/s" or "600/min" (a whole number ≥ 1 per ms, s, min or h, e.g. "5/10s")`
  it(`--rate refuses "0/s", "-1/s", "1.5/s", "abc", "50", "5/0s", "50/week", "": exit 2 before any work`, async () => {
    for (const value of ["0/s", "-1/s", "1.5/s", "abc", "50", "5/0s", "50/week", ""]) {
      const { code, stdout, stderr } = await parseCli(["sync", "--rate", value])
      expect({ value, code, stdout, stderr: stderr.trim() }).toEqual({
        value,
        code: 2,
        stdout: "",
        stderr: `Invalid option "--rate": ${rateReason}, got ${JSON.stringify(value)}`,
      })
    }
  })

  it("--concurrency auto --rate 50/s on the embedded default: the heading names both, every product is updated, the report gives the bounds", async () => {
    const { code, stdout } = await parseCli(["sync", "--products", "60", "--concurrency", "auto", "--rate", "50/s"])
    expect(code).toBe(0)
    const lines = stdout.split("\n")
    expect(lines[0]).toContain("pooled, concurrency auto (1 to 100), rate 50/s")
    expect(stdout).toContain("updated 60 of 60, failed 0")
    expect(stdout).toMatch(/concurrency auto, within 1 to 100: ended at \d+/)
  })

  it("--strategy chunked --rate 100/s: the heading names the rate, and 20 starts spaced 10 ms apart take at least 190 ms", async () => {
    const args = ["sync", "--products", "20", "--strategy", "chunked", "--chunk-size", "5", "--rate", "100/s", "--json"]
    const { code, stdout, stderr } = await parseCli(args)
    expect(code).toBe(0)
    expect(stderr).toContain("chunked, chunkSize 5, rate 100/s")
    const report = JSON.parse(stdout.split("\n").at(-1)!)
    expect(report).toMatchObject({ updated: 20, failed: 0 })
    // A lower bound only: the last of 20 evenly spaced starts is 190 ms after the first; a busy machine adds to it.
    expect(report.elapsedMs).toBeGreaterThanOrEqual(190)
  })

  it("--concurrency auto --json: the report's limit lies within its limitBounds", async () => {
    const { code, stdout } = await parseCli([
      "sync",
      "--products",
      "300",
      "--concurrency",
      "auto",
      "--supplier-capacity",
      "20",
      "--json",
    ])
    expect(code).toBe(0)
    const report = JSON.parse(stdout.split("\n").at(-1)!)
    expect(report).toMatchObject({ updated: 300, failed: 0, limitBounds: { min: 1, max: 100 } })
    expect(report.limit).toBeGreaterThanOrEqual(1)
    expect(report.limit).toBeLessThanOrEqual(100)
  })
})
