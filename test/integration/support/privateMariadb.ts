/**
 * A MariaDB server of a test's own, to crash and restart at will, apart from
 * the shared one on 3306: its own `mariadbd` process, data directory, port on
 * 127.0.0.1, socket and pid files, all under one temp directory.
 *
 * The data directory is made by `mariadbd --bootstrap` with no SQL but
 * `CREATE DATABASE test` (InnoDB's files, then a clean shutdown), and the
 * server runs with `--skip-grant-tables`: no `mariadb-install-db` run and no
 * system tables, which takes about a third of the time. Any user name logs in
 * with no password and has every right; the URL's user ("poolwise" by
 * default) is what the process list shows for the job's connections, and the
 * manager's own admin connection logs in as root.
 *
 * Nothing is left behind: `cleanup` (for afterAll) and a process 'exit' hook
 * kill the server and remove the directory, and a detached watchdog does the
 * same if the test process dies without running either. Every wait is bounded.
 */
import { spawn } from "node:child_process"
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Redacted } from "effect"
import mysql from "mysql2/promise"
import { type AdminQuery, queryOn } from "./adminQuery.ts"
import { freezeProcess, type Frozen } from "./freeze.ts"
import { guardAgainstOrphans } from "./orphanGuard.ts"
import { findMariadbd, freePort, sleep, watch, type Watched } from "./serverProcess.ts"

export interface PrivateMariadb {
  readonly port: number
  /** The temp directory that holds the data directory, socket, pid file and the server's log. */
  readonly dir: string
  /** `mysql://user@127.0.0.1:port/database`; user "poolwise" and database "test" by default. */
  readonly url: (options?: { readonly user?: string; readonly database?: string }) => Redacted.Redacted<string>
  /** Runs a statement as root on a connection of the manager's own, reconnecting after a restart. */
  readonly query: AdminQuery
  /** Whether the server process is alive. */
  readonly running: () => boolean
  /** Starts the server on the same data directory and port; resolves once it answers. */
  readonly start: () => Promise<void>
  /** SIGKILLs the server, as a crash would; resolves once the process is gone. */
  readonly kill9: () => Promise<void>
  /** Shuts the server down cleanly (SIGTERM), or SIGKILLs it if that takes too long. */
  readonly stop: () => Promise<void>
  /**
   * Stops the running server with SIGSTOP (support/freeze.ts): its port still
   * accepts connections and its sessions stay open, but nothing answers.
   * `stop`, `kill9` and `cleanup` continue it first.
   */
  readonly freeze: () => Frozen
  /** Stops the server and removes every file. Safe to call twice. */
  readonly cleanup: () => Promise<void>
}

export interface PrivateMariadbOptions {
  /** Start the server before returning (default true); false leaves a port with no server behind it. */
  readonly start?: boolean
}

/** Bounds on every wait, generous for a loaded 2-core machine: they only stop a hang. */
export const privateMariadbLimits = { startMs: 60_000, stopMs: 30_000, exitMs: 10_000 } as const

/**
 * Makes a private server, started unless `options.start` is false. Returns
 * undefined, after one line saying how to enable it, when no `mariadbd` is
 * installed; under CI=true that is an error instead.
 */
export const openPrivateMariadb = async (
  label: string,
  options: PrivateMariadbOptions = {},
): Promise<PrivateMariadb | undefined> => {
  const daemon = findMariadbd()
  if (daemon === undefined) {
    const why = "no mariadbd binary (looked in $MARIADBD, /usr/sbin, /usr/local/sbin, PATH)"
    if (process.env["CI"] === "true") {
      throw new Error(
        `Crash tests need their own MariaDB under CI=true, but there is ${why}. Run .ci/mariadb.sh first.`,
      )
    }
    console.log(
      `[integration] skipped (${label}): ${why}. Run .ci/mariadb.sh (installs mariadb-server) or set MARIADBD to enable.`,
    )
    return undefined
  }

  const dir = mkdtempSync(join(tmpdir(), `poolwise-mariadb-${label}-`))
  let child: Watched | undefined
  // First, so that nothing below can leave the directory behind.
  const guard = guardAgainstOrphans(dir, () => {
    if (child !== undefined && !child.exited()) child.process.kill("SIGKILL")
  })
  const dataDir = join(dir, "data")
  mkdirSync(dataDir)
  const logFile = join(dir, "mariadbd.log")
  let port = await freePort()
  let admin: mysql.Connection | undefined
  let initialised = false
  let everStarted = false
  let removed = false

  let frozen: Frozen | undefined
  const thaw = () => {
    frozen?.resume()
    frozen = undefined
  }

  const dropAdmin = () => {
    admin?.destroy()
    admin = undefined
  }
  const connectAdmin = async () => {
    const connection = await mysql.createConnection({ host: "127.0.0.1", port, user: "root", connectTimeout: 2_000 })
    // A crash ends this connection: forget it (an unheard 'error' event would throw).
    connection.on("error", () => {
      if (admin === connection) admin = undefined
    })
    return connection
  }

  const logTail = () => {
    try {
      return readFileSync(logFile, "utf8").trim().split("\n").slice(-15).join("\n")
    } catch {
      return "(no log)"
    }
  }

  // What the bootstrap and the server share: the files, and the settings for a small, fast test server.
  const commonArgs = () => [
    "--no-defaults",
    ...(process.getuid?.() === 0 ? ["--user=root"] : []),
    `--datadir=${dataDir}/`,
    `--tmpdir=${dir}`,
    "--skip-grant-tables",
    "--innodb-buffer-pool-size=32M",
    "--innodb-log-file-size=16M",
    // Several servers on one machine can run out of kernel AIO contexts.
    "--innodb-use-native-aio=0",
  ]

  // InnoDB creates its files on first boot, but a SIGKILL before its first
  // checkpoint leaves ibdata1 unreadable ("wrong space ID"). A bootstrap run
  // creates them and shuts down cleanly, so every later crash is recoverable.
  const initialise = async () => {
    const log = openSync(logFile, "a")
    const bootstrap = watch(spawn(daemon, [...commonArgs(), "--bootstrap"], { stdio: ["pipe", log, log] }))
    closeSync(log)
    bootstrap.process.stdin?.end("CREATE DATABASE test;\n")
    if (!(await bootstrap.waitForExit(privateMariadbLimits.startMs))) {
      bootstrap.process.kill("SIGKILL")
      throw new Error(`mariadbd --bootstrap did not finish within ${privateMariadbLimits.startMs} ms:\n${logTail()}`)
    }
    if (bootstrap.exitCode() !== 0) throw new Error(`mariadbd --bootstrap failed:\n${logTail()}`)
  }

  const spawnServer = () => {
    const log = openSync(logFile, "a")
    const args = [
      ...commonArgs(),
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      `--socket=${join(dir, "mariadbd.sock")}`,
      `--pid-file=${join(dir, "mariadbd.pid")}`,
      "--skip-name-resolve",
      // A committed write survives the death of the process (what the tests do)
      // without an fsync per commit on a shared disk.
      "--innodb-flush-log-at-trx-commit=2",
    ]
    const spawned = spawn(daemon, args, { stdio: ["ignore", log, log] })
    closeSync(log)
    if (spawned.pid !== undefined) guard.watch(spawned.pid)
    return watch(spawned)
  }

  const waitUntilAnswering = async (server: Watched) => {
    const deadline = Date.now() + privateMariadbLimits.startMs
    for (;;) {
      if (server.exited()) throw new Error(`mariadbd exited during startup (port ${port}):\n${logTail()}`)
      try {
        admin = await connectAdmin()
        return
      } catch (error) {
        if (Date.now() > deadline) {
          server.process.kill("SIGKILL")
          await server.waitForExit(privateMariadbLimits.exitMs)
          throw new Error(
            `mariadbd did not answer on port ${port} within ${privateMariadbLimits.startMs} ms ` +
              `(${(error as Error).message}):\n${logTail()}`,
          )
        }
        await sleep(50)
      }
    }
  }

  const start = async () => {
    if (removed) throw new Error("this private MariaDB was cleaned up")
    if (child !== undefined && !child.exited()) return
    dropAdmin()
    if (!initialised) {
      await initialise()
      initialised = true
    }
    // The first start may find its port taken meanwhile; later ones must keep it.
    for (let attempt = 1;; attempt++) {
      child = spawnServer()
      try {
        await waitUntilAnswering(child)
        everStarted = true
        return
      } catch (error) {
        const portTaken = !everStarted && /Address already in use|Bind on TCP\/IP port/.test(logTail())
        if (!portTaken || attempt >= 3) throw error
        port = await freePort()
      }
    }
  }

  const kill9 = async () => {
    thaw()
    dropAdmin()
    if (child === undefined || child.exited()) return
    child.process.kill("SIGKILL")
    if (!(await child.waitForExit(privateMariadbLimits.exitMs))) throw new Error("mariadbd survived SIGKILL")
  }

  const stop = async () => {
    // A stopped server would hold SIGTERM until continued, and the stop would wait its whole limit.
    thaw()
    dropAdmin()
    if (child === undefined || child.exited()) return
    child.process.kill("SIGTERM")
    if (!(await child.waitForExit(privateMariadbLimits.stopMs))) await kill9()
  }

  const server: PrivateMariadb = {
    get port() {
      return port
    },
    dir,
    url: ({ user = "poolwise", database = "test" } = {}) =>
      Redacted.make(`mysql://${encodeURIComponent(user)}@127.0.0.1:${port}/${encodeURIComponent(database)}`),
    query: async (sql, values = []) => {
      const connection = admin ??= await connectAdmin()
      try {
        return await queryOn(connection)(sql, values)
      } catch (error) {
        if ((error as { fatal?: boolean }).fatal === true && admin === connection) dropAdmin()
        throw error
      }
    },
    running: () => child !== undefined && !child.exited(),
    freeze: () => {
      if (child === undefined || child.exited()) throw new Error("no running mariadbd to freeze")
      // The admin connection would wait on the frozen server too: the next query opens a new one.
      dropAdmin()
      thaw()
      frozen = freezeProcess(child.process)
      return frozen
    },
    start,
    kill9,
    stop,
    cleanup: async () => {
      if (removed) return
      try {
        await stop()
      } finally {
        removed = true
        guard.release()
      }
    },
  }
  if (options.start ?? true) {
    try {
      await start()
    } catch (error) {
      await server.cleanup()
      throw error
    }
  }
  return server
}
