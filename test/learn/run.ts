/**
 * Runs the learner's tool as a learner does, on the runtime that runs the
 * tests: `npm run learn` on Node, `deno task learn` on Deno (through a
 * terminal, for the watch loop), or the tool itself once for `--check` and
 * the commands. Outcomes only (exit codes, what it prints), never durations.
 */
import { execFile } from "node:child_process"
import { cpSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

export const root: string = fileURLToPath(new URL("../..", import.meta.url))
export const underDeno: boolean = "deno" in process.versions

/** The watch loop's command line, as a person types it. */
export const learnCommandLine = (args: ReadonlyArray<string>): string =>
  underDeno ? `./node_modules/.bin/deno task learn ${args.join(" ")}` : `npm run learn -- ${args.join(" ")}`

export interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs the tool once with `args` (no terminal) and collects what it printed. */
export const learn = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve) => {
    const runtime = underDeno
      ? ["run", "--allow-read", "--allow-write", "--allow-env", "--allow-run=git"]
      : ["--import", "tsx"]
    execFile(
      process.execPath,
      [...runtime, "learn/main.ts", ...args],
      {
        cwd: root,
        env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", LC_MESSAGES: "", ...env },
        timeout: 300_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1
        resolve({ code, stdout, stderr })
      },
    )
  })

/** A fresh copy of the shipped exercises, so that no test ever touches the repository's own. */
export const copyOfExercises = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "poolwise-learn-"))
  cpSync(join(root, "exercises"), join(dir, "exercises"), { recursive: true })
  return join(dir, "exercises")
}
