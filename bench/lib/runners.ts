/**
 * Runner processes of poolwise/cluster for the bench: `poolwise runner` and
 * `poolwise sync` started from the TypeScript through tsx, the way a user
 * starts them. Every runner started here is killed when the bench exits,
 * whatever happens (an exit hook, plus SIGINT/SIGTERM while any is alive).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { runTs } from "./child.ts"

const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "cli", "main.ts")
const alive = new Set<ChildProcess>()

const killAll = () => {
  for (const child of alive) child.kill("SIGKILL")
}
const onSignal = () => {
  killAll()
  process.exit(130)
}
process.on("exit", killAll)

/** A port nobody listens on now (the OS picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => typeof address === "object" && address !== null ? resolve(address.port) : reject())
    })
  })

export interface RunnerProcess {
  /** `127.0.0.1:<port>`, as the runner records itself in sync_page_attempts. */
  readonly name: string
  /** The node process's id (its RSS is read from /proc). */
  readonly pid: number | undefined
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string
  readonly exited: Promise<void>
  /** kill -9: no graceful hand-over. */
  readonly kill: () => void
  /** SIGTERM (shards handed over), kill -9 if still there after `graceMs`; resolves once gone. */
  readonly stop: (graceMs?: number) => Promise<void>
}

/** Starts `poolwise runner` on `port` with `flags`; resolves once it prints "runner ready at". */
export const startRunner = async (
  url: string,
  port: number,
  flags: ReadonlyArray<string>,
  readyWithinMs = 120_000,
): Promise<RunnerProcess> => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "runner", "--database-url", url, "--port", String(port), ...flags],
    { stdio: ["ignore", "pipe", "pipe"] },
  )
  if (alive.size === 0) {
    process.on("SIGINT", onSignal)
    process.on("SIGTERM", onSignal)
  }
  alive.add(child)
  let output = ""
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      alive.delete(child)
      if (alive.size === 0) {
        process.off("SIGINT", onSignal)
        process.off("SIGTERM", onSignal)
      }
      resolve()
    })
  )
  const runner: RunnerProcess = {
    name: `127.0.0.1:${port}`,
    pid: child.pid,
    output: () => output,
    exited,
    kill: () => void child.kill("SIGKILL"),
    stop: async (graceMs = 30_000) => {
      child.kill("SIGTERM")
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
  const deadline = Date.now() + readyWithinMs
  while (!output.includes("runner ready at")) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      runner.kill()
      throw new Error(`runner on port ${port} did not get ready: ${output.trim().split("\n").slice(-3).join(" | ")}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return runner
}

/** Kills every runner in `runners` (kill -9) and waits until they are gone. */
export const killRunners = async (runners: ReadonlyArray<RunnerProcess>): Promise<void> => {
  for (const runner of runners) runner.kill()
  await Promise.all(runners.map((runner) => runner.exited))
}

/** `poolwise sync … --json`: its report (the last stdout line) and the wall time of the whole command. */
export const runSync = async (
  args: ReadonlyArray<string>,
  timeoutMs: number,
): Promise<{ readonly report: Record<string, unknown>; readonly wallMs: number }> => {
  const started = performance.now()
  const out = await runTs(cli, ["sync", ...args, "--json"], { timeoutMs })
  const wallMs = Math.round(performance.now() - started)
  return { report: JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>, wallMs }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (undefined where there is none). */
export const cpuMsOf = (pid: number | undefined): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the command), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}
