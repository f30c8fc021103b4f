/**
 * Runs the real CLI in a child process (`node --import tsx src/cli/main.ts`)
 * and collects its output and exit code. The tests that use it assert
 * outcomes (exit code, messages, the report), never durations.
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface CliProcess {
  /** Resolves once `text` has appeared on stdout or stderr. */
  readonly waitFor: (text: string) => Promise<void>
  readonly signal: (signal: NodeJS.Signals) => void
  readonly done: Promise<CliResult>
}

/**
 * Starts `poolwise <args>`. MYSQL_URL is removed from its environment unless
 * given in `env`, so `sync` runs on the simulated database by default.
 */
export const startCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}): CliProcess => {
  const { MYSQL_URL: _, ...inherited } = process.env
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stdout = ""
  let stderr = ""
  const waiting: Array<{ text: string; resolve: () => void }> = []
  const check = () => {
    for (const w of [...waiting]) {
      if (stdout.includes(w.text) || stderr.includes(w.text)) {
        waiting.splice(waiting.indexOf(w), 1)
        w.resolve()
      }
    }
  }
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString()
    check()
  })
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString()
    check()
  })
  const done = new Promise<CliResult>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })))
  return {
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ text, resolve })
        check()
        void done.then(() => reject(new Error(`exited before printing ${JSON.stringify(text)}:\n${stdout}${stderr}`)))
      }),
    signal: (signal) => void child.kill(signal),
    done,
  }
}

/** Runs `poolwise <args>` to the end. */
export const runCli = (args: ReadonlyArray<string>, env?: Record<string, string>): Promise<CliResult> =>
  startCli(args, env).done
