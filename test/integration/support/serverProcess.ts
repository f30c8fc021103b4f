/**
 * Plumbing for a server process that a test starts itself: finding the
 * binary, a port for it, and bounded waits for its end.
 */
import type { ChildProcess } from "node:child_process"
import { accessSync, constants, readFileSync } from "node:fs"
import { type AddressInfo, createServer } from "node:net"
import { delimiter, join } from "node:path"

const daemonCandidates = ["/usr/sbin/mariadbd", "/usr/local/sbin/mariadbd", "/usr/local/mysql/bin/mariadbd"]

/** MARIADBD if set, else the usual places, else `mariadbd` on PATH. */
export const findMariadbd = (): string | undefined => {
  const onPath = (process.env["PATH"] ?? "").split(delimiter).filter((d) => d !== "").map((d) => join(d, "mariadbd"))
  const candidates = [process.env["MARIADBD"], ...daemonCandidates, ...onPath]
  return candidates.find((file) => {
    if (file === undefined || file === "") return false
    try {
      accessSync(file, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const portIsFree = (port: number) =>
  new Promise<number | undefined>((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(undefined))
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as AddressInfo
      server.close(() => resolve(bound))
    })
  })

// Below the kernel's range for outgoing connections, so that no client socket
// takes the port while the server is down between a crash and its restart.
const ephemeralLow = () => {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32768
  } catch {
    return 32768
  }
}

/** A free port on 127.0.0.1, below the ephemeral range when it can (see above). */
export const freePort = async (): Promise<number> => {
  const low = 10_000
  const high = Math.max(low + 1_000, ephemeralLow())
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await portIsFree(low + Math.floor(Math.random() * (high - low)))
    if (port !== undefined) return port
  }
  return (await portIsFree(0))!
}

/** A child process and whether it has ended, as its 'exit' event says. */
export interface Watched {
  readonly process: ChildProcess
  readonly exited: () => boolean
  /** The exit code, once ended normally. */
  readonly exitCode: () => number | null
  /** Resolves true once the process has ended, or false after `ms`. */
  readonly waitForExit: (ms: number) => Promise<boolean>
}

/**
 * Watches `child` for its end. Only the 'exit' event counts: Deno's
 * node:child_process sets `signalCode` as soon as `kill()` is called, while
 * the process may still be shutting down.
 */
export const watch = (child: ChildProcess): Watched => {
  let ended = false
  let code: number | null = null
  const done = new Promise<void>((resolve) =>
    child.once("exit", (exitCode) => {
      ended = true
      code = exitCode
      resolve()
    })
  )
  return {
    process: child,
    exited: () => ended,
    exitCode: () => code,
    waitForExit: (ms) =>
      ended ? Promise.resolve(true) : new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ms)
        void done.then(() => {
          clearTimeout(timer)
          resolve(true)
        })
      }),
  }
}
