/**
 * Freezing a process the way a gray failure does: `SIGSTOP` keeps it alive,
 * its sockets open and its locks held, but it runs nothing (a long GC pause,
 * a stalled VM, a hung event loop); `SIGCONT` lets it go on as if no time had
 * passed.
 *
 * A stopped process must never outlive the test: it holds its port, its
 * database connections and, for a server, its data directory, and it does not
 * handle SIGTERM until it is continued. So every freeze is recorded, and
 * `resumeAll` (for `finally` / `afterAll`) and a process 'exit' hook continue
 * whatever is still stopped. SIGKILL ends a stopped process as it is, so the
 * orphan watchdogs (orphanGuard.ts) need nothing more.
 */
import type { ChildProcess } from "node:child_process"
import { readFileSync } from "node:fs"

/** A process stopped by {@link freezeProcess}. */
export interface Frozen {
  readonly pid: number
  /** When it was stopped (Date.now()). */
  readonly at: number
  /** Continues it (SIGCONT); safe to call twice, or after the process ended. */
  readonly resume: () => void
  /** Whether it is still stopped by this freeze. */
  readonly frozen: () => boolean
}

const stopped = new Map<number, Frozen>()

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name)
    return true
  } catch {
    // ESRCH: it ended meanwhile.
    return false
  }
}

/**
 * Waits (blocking, at most `limitMs`) until the kernel shows `pid` stopped or
 * running as asked. A signal to a many-threaded process such as mariadbd
 * reaches its threads one by one, and on a busy machine /proc can show "R"
 * for a while after SIGSTOP returned: a freeze is only handed out once it holds.
 */
const settle = (pid: number, wantStopped: boolean, limitMs = 10_000, strict = true) => {
  const pause = new Int32Array(new SharedArrayBuffer(4))
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    const state = processState(pid)
    if (state === undefined || (state === "T") === wantStopped) return
    Atomics.wait(pause, 0, 0, 2)
  }
  if (strict) throw new Error(`process ${pid} did not ${wantStopped ? "stop" : "continue"} within ${limitMs} ms`)
}

let hooked = false
const hookExit = () => {
  if (hooked) return
  hooked = true
  process.once("exit", () => resumeAll())
}

/**
 * Stops `target` (a child process or a pid) with SIGSTOP. Throws if it has
 * already ended, so a test never believes it froze a process that was gone.
 */
export const freezeProcess = (target: ChildProcess | number): Frozen => {
  const pid = typeof target === "number" ? target : target.pid
  if (pid === undefined) throw new Error("cannot freeze a process that never started")
  hookExit()
  if (!signal(pid, "SIGSTOP")) throw new Error(`process ${pid} had already ended: nothing to freeze`)
  let isFrozen = true
  const frozen: Frozen = {
    pid,
    at: Date.now(),
    resume: () => {
      if (!isFrozen) return
      isFrozen = false
      stopped.delete(pid)
      // Never throws: resume runs in `finally` blocks and the exit hook, where the process going on is what counts.
      if (signal(pid, "SIGCONT")) settle(pid, false, 10_000, false)
    },
    frozen: () => isFrozen,
  }
  stopped.set(pid, frozen)
  settle(pid, true)
  return frozen
}

/** Continues every process still stopped by {@link freezeProcess}; returns how many. */
export const resumeAll = (): number => {
  const all = [...stopped.values()]
  for (const frozen of all) frozen.resume()
  return all.length
}

/**
 * Runs `during` with `target` stopped, and continues it afterwards whatever
 * happens: the freeze lasts exactly as long as `during` takes.
 */
export const whileFrozen = async <A>(target: ChildProcess | number, during: (frozen: Frozen) => Promise<A>) => {
  const frozen = freezeProcess(target)
  try {
    return await during(frozen)
  } finally {
    frozen.resume()
  }
}

/** The state letter of a process from /proc (`T` while stopped), or undefined once it is gone. */
export const processState = (pid: number): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "")[0]
  } catch {
    return undefined
  }
}
