/**
 * Section 10: how fast the built CLI starts. The CLI is bundled fresh (the
 * same build as `npm run build`, into a temp directory), then each command is
 * started several times in a new Node process: the time to its first output
 * (what a user waits for: `--help`'s text, `demo`'s first line), the time to
 * its exit, and its peak RSS. Medians, reported and never judged: a loaded
 * machine only makes the figures larger.
 *
 * The peak RSS is the child's own (`process.resourceUsage().maxRSS`, printed
 * at exit by a one-line module preloaded with `--import`, which costs about a
 * millisecond); the times are measured from here, spawn included.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { buildCli } from "../scripts/build-cli.ts"
import { median, round } from "./lib/stats.ts"

const root = fileURLToPath(new URL("..", import.meta.url))

/** Prints the process's peak RSS (kB) on stderr as it exits, however it exits. */
const peakRssProbe =
  `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n@maxrss="+process.resourceUsage().maxRSS+"\\n"))`

interface Run {
  readonly firstOutputMs: number
  readonly exitMs: number
  readonly peakRssMb: number
}

/** One start of `node [nodeArgs] args`: when it first printed, when it ended, how much memory it took at most. */
const startOnce = (nodeArgs: ReadonlyArray<string>, args: ReadonlyArray<string>, timeoutMs: number) =>
  new Promise<Run>((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ["--import", peakRssProbe, ...nodeArgs, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", MYSQL_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let firstOutputMs: number | undefined
    let stderr = ""
    const first = () => firstOutputMs ??= performance.now() - started
    child.stdout.on("data", first)
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
      if (!chunk.toString().startsWith("\n@maxrss=")) first()
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    child.on("close", (code) => {
      clearTimeout(timer)
      const exitMs = performance.now() - started
      const rss = /@maxrss=(\d+)/.exec(stderr)
      if (code !== 0 || rss === null) {
        reject(new Error(`poolwise ${args.slice(1).join(" ")} exited ${code}: ${stderr.slice(-500)}`))
      } else {
        resolve({ firstOutputMs: firstOutputMs ?? exitMs, exitMs, peakRssMb: Number(rss[1]) / 1024 })
      }
    })
  })

/** `runs` starts after one that is not counted (it warms the disk cache), summarised by their medians. */
const measure = async (nodeArgs: ReadonlyArray<string>, args: ReadonlyArray<string>, runs: number) => {
  await startOnce(nodeArgs, args, 60_000)
  const counted: Array<Run> = []
  for (let i = 0; i < runs; i++) counted.push(await startOnce(nodeArgs, args, 60_000))
  const med = (pick: (run: Run) => number) => round(median(counted.map(pick)), 0)
  return {
    runs,
    firstOutputMs: med((run) => run.firstOutputMs),
    exitMs: med((run) => run.exitMs),
    peakRssMb: med((run) => run.peakRssMb),
    firstOutputMsRange: [
      round(Math.min(...counted.map((run) => run.firstOutputMs)), 0),
      round(Math.max(...counted.map((run) => run.firstOutputMs)), 0),
    ],
  }
}

/** The commands timed from the built CLI: what `--help` costs, and a command that starts work at once. */
export const startupCommands = ["--help", "demo", "sync --help", "runner --help"] as const

export const startup = async (quick: boolean) => {
  const dir = mkdtempSync(join(os.tmpdir(), "poolwise-bench-cli-"))
  try {
    const bundle = await buildCli(join(dir, "cli"))
    const main = join(dir, "cli", "main.js")
    const runs = quick ? 3 : 7
    const loadAverageAtStart = round(os.loadavg()[0] ?? 0)
    const built: Record<string, Awaited<ReturnType<typeof measure>>> = {}
    for (const command of startupCommands) built[command] = await measure([], [main, ...command.split(" ")], runs)
    // The same `--help` from the sources through tsx, as `npm start -- --help` runs it: the unbundled cost.
    const fromSource = await measure(["--import", "tsx"], ["src/cli/main.ts", "--help"], quick ? 1 : 3)
    return {
      runs,
      loadAverageAtStart,
      bundle: {
        entryKb: round(bundle.entryBytes / 1024, 0),
        chunks: bundle.chunks,
        totalKb: round(bundle.totalBytes / 1024, 0),
      },
      goal: { ms: 400, rssMb: 100 },
      built,
      fromSourceHelp: fromSource,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
