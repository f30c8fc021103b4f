/**
 * The last line of cleanup for a server process that a test starts: whatever
 * way the test process ends, the server is killed and its temp directory
 * removed.
 *
 * - A normal end (or `process.exit`) runs an 'exit' hook.
 * - A test process killed outright (SIGKILL, a crashed worker) runs nothing,
 *   so a detached watchdog polls for it once a second and cleans up after it.
 */
import { spawn } from "node:child_process"
import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

export interface OrphanGuard {
  /** Records the server's pid, for the watchdog. */
  readonly watch: (pid: number) => void
  /** Kills the server now if it runs, removes the directory, and ends the watchdog. */
  readonly release: () => void
}

// $1: the test process, $2: the directory, $3: text the server's command line
// holds. The pid is checked against it, so a reused pid is never killed.
const watchdogScript = `
while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
pid=$(cat "$2/server.pid" 2>/dev/null)
if [ -n "$pid" ] && tr '\\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$3"; then kill -9 "$pid"; fi
rm -rf "$2"
`

/**
 * Guards `dir` and the server that `killServer` kills (synchronously, e.g. with
 * SIGKILL). `marker` is text of the server's command line (words joined by
 * spaces): the directory by default, for a server told to use it.
 */
export const guardAgainstOrphans = (dir: string, killServer: () => void, marker = `${dir}/`): OrphanGuard => {
  const watchdog = spawn("sh", ["-c", watchdogScript, "watchdog", String(process.pid), dir, marker], {
    detached: true,
    stdio: "ignore",
  })
  watchdog.unref()
  const cleanUp = () => {
    killServer()
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    watchdog.kill("SIGKILL")
  }
  process.once("exit", cleanUp)
  return {
    watch: (pid) => writeFileSync(join(dir, "server.pid"), String(pid)),
    release: () => {
      process.removeListener("exit", cleanUp)
      cleanUp()
    },
  }
}
