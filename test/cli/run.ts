/**
 * Runs the real CLI in a child process (`node --import tsx src/cli/main.ts`,
 * or `deno run` under Deno)
 * and collects its output and exit code. The tests that use it assert
 * outcomes (exit code, messages, the report), never durations.
 */
import { spawn } from "node:child_process"
import os from "node:os"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

// The CLI runs on the runtime that runs the tests: Node with tsx, or Deno,
// which runs TypeScript itself (and would otherwise rewrite node's flags).
const underDeno = "deno" in process.versions
const runtimeArgs = underDeno ? ["run", "--allow-all"] : ["--import", "tsx"]

export interface CliResult {
  /**
   * The exit code. Under Deno, a child that was sent a signal is reported as
   * ended by that signal even when it handled it and exited with its own code
   * (Deno's node:child_process reports `kill()`'s signal): there only, `code`
   * is 128 + the signal's number, which is what a shell sees. Under Node a
   * child that really died of the signal keeps `code: null`.
   */
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
  const child = spawn(process.execPath, [...runtimeArgs, "src/cli/main.ts", ...args], {
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
  const done = new Promise<CliResult>((resolve) =>
    child.on(
      "close",
      (code, signal) =>
        resolve({
          code: code ?? (underDeno && signal !== null ? 128 + os.constants.signals[signal] : null),
          stdout,
          stderr,
        }),
    )
  )
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
