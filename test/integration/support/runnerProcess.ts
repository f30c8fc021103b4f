/**
 * A `poolwise runner` (or a `sync --cluster` client) in a child process, for
 * the cluster's integration tests. Always run by Node (`node --import tsx`),
 * also when the tests run under Deno: the runners are the product under test,
 * Deno only hosts the test. MYSQL_URL is removed from the child's environment.
 *
 * Every runner is guarded against orphans (support/orphanGuard.ts): killed on
 * the test process's exit, or by a watchdog if the test process is killed.
 */
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Redacted, Redacted as R } from "effect"
import { freezeProcess, type Frozen } from "./freeze.ts"
import { guardAgainstOrphans } from "./orphanGuard.ts"
import { freePort, watch, type Watched } from "./serverProcess.ts"
import { openTcpProxy, type TcpProxy } from "./tcpProxy.ts"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const node = "deno" in process.versions ? "node" : process.execPath

/** A child running `src/cli/main.ts <args>`, its output collected. */
export interface CliChild extends Watched {
  readonly stdout: () => string
  readonly output: () => string
  /** The signal that ended it, once ended (under Deno: the one `kill()` sent, see test/cli/run.ts). */
  readonly exitSignal: () => NodeJS.Signals | null
  /** Resolves once `text` is on stdout or stderr; rejects if the child ends first or after `ms`. */
  readonly waitFor: (text: string, ms: number) => Promise<void>
  /** Times `text` has appeared in the output so far. */
  readonly count: (text: string) => number
  /**
   * When `text` last arrived, as a sequence number shared by every child of
   * this process (so "which child printed it last" has an answer); undefined if never.
   */
  readonly lastSeen: (text: string) => number | undefined
}

/** Orders output chunks across children. */
let chunkSequence = 0

/** Starts `node --import tsx src/cli/main.ts <args>` in the repository's root. */
export const startNodeCli = (args: ReadonlyArray<string>, extraEnv: Record<string, string> = {}): CliChild => {
  const { MYSQL_URL: _, ...env } = process.env
  const child = spawn(node, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stdout = ""
  let output = ""
  let signal: NodeJS.Signals | null = null
  const chunks: Array<{ readonly end: number; readonly sequence: number }> = []
  const append = (text: string) => {
    output += text
    chunks.push({ end: output.length, sequence: ++chunkSequence })
  }
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString()
    append(chunk.toString())
  })
  child.stderr!.on("data", (chunk: Buffer) => append(chunk.toString()))
  child.once("exit", (_code, exitSignal) => void (signal = exitSignal))
  const watched = watch(child)
  return {
    ...watched,
    stdout: () => stdout,
    output: () => output,
    exitSignal: () => signal,
    count: (text) => output.split(text).length - 1,
    lastSeen: (text) => {
      const at = output.lastIndexOf(text)
      return at < 0 ? undefined : chunks.find((chunk) => chunk.end >= at + text.length)?.sequence
    },
    waitFor: async (text, ms) => {
      const deadline = Date.now() + ms
      while (!output.includes(text)) {
        if (watched.exited()) throw new Error(`ended before printing ${JSON.stringify(text)}:\n${output}`)
        if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} within ${ms} ms:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
  }
}

/** A runner process: its address as the cluster names it ("127.0.0.1:port"). */
export interface RunnerChild extends CliChild {
  readonly address: string
  /**
   * The runner's own TCP proxy to the database, when started with `ownProxy`:
   * every connection it opens (job pool, cluster pool) goes through it, so
   * `proxy.blackhole()` cuts this runner off from the database while the
   * others keep it. Closed by `dispose`.
   */
  readonly proxy: TcpProxy | undefined
  /** Stops it with SIGSTOP (support/freeze.ts); `dispose` ends it frozen or not. */
  readonly freeze: () => Frozen
  /** SIGKILL if it still runs (stopped or not), then waits (bounded) for its end, ends its watchdog and its proxy. */
  readonly dispose: () => Promise<void>
}

export interface RunnerFlags {
  readonly pool: number
  readonly clusterPool: number
  readonly concurrency: number
  readonly supplierLatencyMs: number
  readonly budget?: number | undefined
  /** More arguments, after the flags above (e.g. `["--log-level", "debug"]`). */
  readonly extraArgs?: ReadonlyArray<string> | undefined
}

export interface RunnerPlacement {
  /** Connect through a TCP proxy of its own (see {@link RunnerChild.proxy}). */
  readonly ownProxy?: boolean | undefined
}

/** `url` with its host and port replaced: the same user, password and database through another endpoint. */
export const urlThrough = (url: Redacted.Redacted<string>, port: number, host = "127.0.0.1") => {
  const parsed = new URL(R.value(url))
  parsed.hostname = host
  parsed.port = String(port)
  return R.make(parsed.toString())
}

const endpointOf = (url: Redacted.Redacted<string>) => {
  const parsed = new URL(R.value(url))
  return { host: parsed.hostname.replace(/^\[|\]$/g, ""), port: Number(parsed.port || 3306) }
}

/** Starts `poolwise runner` on a free port of 127.0.0.1 (not waiting for it to be ready). */
export const startRunner = async (
  url: Redacted.Redacted<string>,
  flags: RunnerFlags,
  placement: RunnerPlacement = {},
): Promise<RunnerChild> => {
  const proxy = placement.ownProxy === true ? await openTcpProxy(endpointOf(url)) : undefined
  const port = await freePort()
  // The port comes first: "runner --port N " names this runner in its command line, for the watchdog.
  // The URL (and its password) goes in the environment, not the command line that `ps` shows.
  const args = ["runner", "--port", String(port)]
  const numbers = {
    "--pool": flags.pool,
    "--cluster-pool": flags.clusterPool,
    "--concurrency": flags.concurrency,
    "--supplier-latency": flags.supplierLatencyMs,
    "--budget": flags.budget,
  }
  for (const [flag, value] of Object.entries(numbers)) if (value !== undefined) args.push(flag, String(value))
  args.push(...(flags.extraArgs ?? []))
  const dir = mkdtempSync(join(tmpdir(), "poolwise-runner-"))
  const started = startNodeCli(args, { MYSQL_URL: R.value(proxy === undefined ? url : urlThrough(url, proxy.port)) })
  const guard = guardAgainstOrphans(dir, () => {
    if (!started.exited()) started.process.kill("SIGKILL")
  }, `src/cli/main.ts runner --port ${port} `)
  if (started.process.pid !== undefined) guard.watch(started.process.pid)
  return {
    ...started,
    address: `127.0.0.1:${port}`,
    proxy,
    freeze: () => freezeProcess(started.process),
    dispose: async () => {
      // SIGKILL ends a stopped process too: no SIGCONT needed first.
      if (!started.exited()) started.process.kill("SIGKILL")
      const ended = await started.waitForExit(30_000)
      guard.release()
      await proxy?.close()
      if (!ended) throw new Error(`runner on port ${port} did not end within 30 s of SIGKILL`)
    },
  }
}
