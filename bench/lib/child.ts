/** Runs benchmark code in fresh Node processes: TypeScript through tsx, or plain JS bundled ahead of time. */
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"

interface ChildOptions {
  readonly nodeFlags?: ReadonlyArray<string>
  readonly timeoutMs: number
}

/** Runs `node [nodeFlags] [script]` and returns its stdout. */
export const runNode = (script: ReadonlyArray<string>, options: ChildOptions): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...(options.nodeFlags ?? []), ...script],
      { timeout: options.timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script.join(" ")}: ${error.message}\n${stderr.slice(-2000)}`))
        else resolve(stdout)
      },
    )
  })

/** Runs a TypeScript file in a fresh Node process (through tsx) and returns its stdout. */
export const runTs = (file: string, args: ReadonlyArray<string>, options: ChildOptions): Promise<string> =>
  runNode([file, ...args], { ...options, nodeFlags: [...(options.nodeFlags ?? []), "--import", "tsx"] })

/** A way to start one entry point in fresh processes, and what loads it there. */
export interface Child {
  /** `"node"`: a plain-JS bundle run by node itself; `"tsx"`: the TypeScript through tsx's loader. */
  readonly loader: "node" | "tsx"
  readonly run: (args: ReadonlyArray<string>, options: ChildOptions) => Promise<string>
  /** The largest RSS of a process that runs nothing, started the same way: the floor of every figure. */
  readonly baselineRssMb: (options: ChildOptions) => Promise<number>
  /** Deletes the bundle, if any. */
  readonly dispose: () => void
}

const printMaxRss = "process.stdout.write(String(process.resourceUsage().maxRSS))"

/**
 * Bundles `entry` with esbuild into one plain-JS file in the temp directory,
 * so children run on bare `node`: tsx's loader transpiles every module at run
 * time and keeps its own state, which would count against the child's RSS.
 * esbuild is a dev dependency (the CLI's build uses it too); without it, the children run through tsx
 * and `loader` says so.
 */
export const bundledChild = async (entry: string): Promise<Child> => {
  let build: typeof import("esbuild").build
  try {
    build = (await import("esbuild")).build
  } catch {
    return {
      loader: "tsx",
      run: (args, options) => runTs(entry, args, options),
      baselineRssMb: async (options) =>
        kbToMb(Number(await runNode(["-e", printMaxRss], { ...options, nodeFlags: ["--import", "tsx"] }))),
      dispose: () => {},
    }
  }
  const dir = mkdtempSync(join(os.tmpdir(), "poolwise-bench-"))
  const file = join(dir, "child.mjs")
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    logLevel: "error",
    // CommonJS dependencies (mysql2) call require(), which an ES module lacks.
    banner: { js: `import { createRequire } from "node:module"; const require = createRequire(import.meta.url);` },
  })
  return {
    loader: "node",
    run: (args, options) => runNode([file, ...args], options),
    baselineRssMb: async (options) => kbToMb(Number(await runNode(["-e", printMaxRss], options))),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}

const kbToMb = (kb: number) => Math.round(kb / 1024)
