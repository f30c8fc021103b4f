/**
 * Runs the runnable snippets in a small fixed number of runner processes
 * (runner.ts): each loads the kit once and runs the snippets it is handed,
 * one at a time, so a busy machine makes the check slower, never wrong.
 *
 * The only limit is a backstop for a snippet that never ends: generous
 * (minutes), and scaled by the machine's load when it is reached. A runner
 * whose snippet hits it, or dies, is killed and replaced for the snippets left.
 */
import { Effect, type Scope } from "effect"
import { spawn } from "node:child_process"
import * as os from "node:os"
import { fileURLToPath } from "node:url"
import { isDeepStrictEqual } from "node:util"
import type { Problem } from "./problem.ts"
import { parseMessages, type Printed, type RunnerMessage } from "./protocol.ts"
import { problemsAt, type Snippet } from "./snippets.ts"
import { NODE, TSX } from "./node.ts"

/** The default backstop per snippet (and for a runner to load the kit), before scaling by load. */
export const DEFAULT_BACKSTOP_MS = 180_000

const RUNNER = fileURLToPath(new URL("./runner.ts", import.meta.url))

type Event =
  | RunnerMessage
  | { readonly type: "exit"; readonly status: string; readonly stderr: string }
  | { readonly type: "timeout"; readonly ms: number }

const cores = os.availableParallelism?.() ?? os.cpus().length

/** ≥ 1: how many times over the machine is busy (1-minute load average per core). */
const loadFactor = (): number => Math.max(1, (os.loadavg()[0] ?? 0) / cores)

/**
 * Waits for `event`, or for `baseMs` × the load factor, re-read when the time
 * is up (a machine that got busier meanwhile gets more time).
 */
const withinBackstop = async (event: Promise<Event>, baseMs: number): Promise<Event> => {
  const started = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const backstop = new Promise<Event>((resolve) => {
    const check = () => {
      const ms = Math.round(baseMs * loadFactor())
      const left = started + ms - Date.now()
      if (left <= 0) resolve({ type: "timeout", ms })
      else timer = setTimeout(check, left)
    }
    check()
  })
  try {
    return await Promise.race([event, backstop])
  } finally {
    clearTimeout(timer)
  }
}

/** One runner process, seen as a stream of events. */
const startRunner = (root: string, dir: string, entries: ReadonlyArray<string>) => {
  const child = spawn(NODE, ["--import", TSX, RUNNER, dir, ...entries], { cwd: root, stdio: "pipe" })
  const events: Array<Event> = []
  let waiting: ((event: Event) => void) | undefined
  const push = (event: Event) => {
    const resolve = waiting
    waiting = undefined
    if (resolve === undefined) events.push(event)
    else resolve(event)
  }
  let partial = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n")
    partial = lines.pop()!
    parseMessages(lines).forEach(push)
  })
  let stderr = ""
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-16_384)
  })
  child.stdin.on("error", () => {}) // EPIPE: the runner died; its exit is reported instead.
  const exited = new Promise<void>((resolve) => {
    child.on("error", (error) => {
      push({ type: "exit", status: error.message, stderr })
      resolve()
    })
    child.on("close", (code, signal) => {
      push({ type: "exit", status: signal === null ? `exit code ${code}` : `killed by ${signal}`, stderr })
      resolve()
    })
  })
  return {
    next: (): Promise<Event> =>
      events.length > 0 ? Promise.resolve(events.shift()!) : new Promise((resolve) => (waiting = resolve)),
    send: (name: string) => child.stdin.write(`${name}\n`),
    /** No more snippets: the runner exits by itself. */
    close: () => (child.stdin.end(), exited),
    kill: () => (child.kill("SIGKILL"), exited),
  }
}

/** A few lines of an error or of stderr: Node's own frames, the runner's and blank lines left out. */
const excerpt = (text: string, from: "start" | "end", lines = 8): string => {
  const kept = text.split("\n").filter((line) =>
    line.trim() !== "" && !line.includes("node:internal") && !line.includes("runner.ts") &&
    !line.startsWith("Node.js v")
  )
  return (from === "start" ? kept.slice(0, lines) : kept.slice(-lines)).join("\n")
}

/** The snippet's line named in a stack trace, if any. */
const lineIn = (snippet: Snippet, text: string): number | undefined => {
  const found = new RegExp(`${snippet.name.replace(/[.]/g, "\\.")}:(\\d+)`).exec(text)
  return found === null ? undefined : Number(found[1])
}

const matchesExpected = (expected: string, printed: Printed): boolean => {
  const squash = (s: string) => s.replace(/\s+/g, " ").trim()
  if (squash(printed.text) === squash(expected)) return true
  if (printed.json === undefined) return false
  try {
    return isDeepStrictEqual(JSON.parse(expected), JSON.parse(printed.json))
  } catch {
    return false
  }
}

/** The problems one snippet's run shows: it never ended, it failed, or it printed something else. */
const judge = (snippet: Snippet, event: Event): Array<Problem> => {
  switch (event.type) {
    case "timeout":
      return problemsAt(
        snippet,
        "snippet",
        undefined,
        `block did not finish within ${event.ms} ms (tag it \`ts no-run\` if it is not meant to end)`,
      )
    case "exit":
      return problemsAt(
        snippet,
        "snippet",
        lineIn(snippet, event.stderr),
        `block ended the runner process (${event.status}):\n${excerpt(event.stderr, "end")}`,
      )
    case "ready":
      return problemsAt(snippet, "snippet", undefined, "the snippet runner answered out of turn")
    case "done": {
      if (event.failures.length > 0) {
        return event.failures.flatMap(({ how, text }) =>
          problemsAt(
            snippet,
            "snippet",
            lineIn(snippet, text),
            `block failed (${how})${text === "" ? "" : `:\n${excerpt(text, "start")}`}`,
          )
        )
      }
      const printed = new Map<number, Printed>()
      for (const record of event.printed) if (!printed.has(record.line)) printed.set(record.line, record)
      return [...snippet.expected].flatMap(([line, expected]) => {
        const actual = printed.get(line)
        if (actual === undefined) {
          return problemsAt(snippet, "output", line, `console.log never ran; expected ${expected}`)
        }
        return matchesExpected(expected, actual) ? [] : problemsAt(
          snippet,
          "output",
          line,
          `printed ${JSON.stringify(actual.text)} but the block says // => ${expected}`,
        )
      })
    }
  }
}

/** Why a runner could not run `snippet`: it did not start. */
const notStarted = (snippet: Snippet, event: Event): Array<Problem> =>
  problemsAt(
    snippet,
    "snippet",
    undefined,
    event.type === "timeout"
      ? `the snippet runner did not load the kit within ${event.ms} ms`
      : `the snippet runner did not start (${event.type === "exit" ? event.status : event.type}):\n${
        event.type === "exit" ? excerpt(event.stderr, "end") : ""
      }`,
  )

export interface RunOptions {
  /** Backstop per snippet in ms, before scaling by load. Default {@link DEFAULT_BACKSTOP_MS}. */
  readonly timeoutMs?: number | undefined
  /** Runner processes at once. Default 1: each one loads the kit, which is most of the work. */
  readonly concurrency?: number | undefined
}

export interface SnippetRunners {
  /** Runs `snippets` (modules already in the snippet directory) and returns the problems they show. */
  readonly run: (snippets: ReadonlyArray<Snippet>) => Effect.Effect<Array<Problem>>
}

type Runner = ReturnType<typeof startRunner>

/**
 * Starts the runner processes at once, so that they load the kit while tsc
 * type-checks; whatever is still running when the scope closes is killed.
 * `entries` are the kit's entry files to load up front.
 */
export const makeSnippetRunners = (
  root: string,
  dir: string,
  entries: ReadonlyArray<string>,
  options: RunOptions = {},
): Effect.Effect<SnippetRunners, never, Scope.Scope> => {
  const limitMs = options.timeoutMs ?? DEFAULT_BACKSTOP_MS
  // Loading the kit is not a snippet's time: it gets the default backstop, or more.
  const startMs = Math.max(limitMs, DEFAULT_BACKSTOP_MS)
  const live = new Set<Runner>()
  // Set when the scope closes (the check is done or interrupted): no snippet is started after it.
  let stopped = false
  const spawnRunner = () => {
    const runner = startRunner(root, dir, entries)
    live.add(runner)
    return runner
  }
  const retire = (runner: Runner, how: "close" | "kill") => {
    live.delete(runner)
    return runner[how]()
  }
  const workers = Math.max(1, options.concurrency ?? 1)
  const spare = Array.from({ length: workers }, spawnRunner)

  const run = (snippets: ReadonlyArray<Snippet>) =>
    Effect.promise(async () => {
      const queue = [...snippets]
      const next = () => stopped ? undefined : queue.shift()
      const problems: Array<Problem> = []
      const worker = async (first: Runner | undefined) => {
        let runner = first
        let ready = false
        for (let snippet = next(); snippet !== undefined; snippet = next()) {
          runner ??= spawnRunner()
          if (!ready) {
            const started = await withinBackstop(runner.next(), startMs)
            if (started.type !== "ready") {
              problems.push(...notStarted(snippet, started))
              await retire(runner, "kill")
              runner = undefined
              continue
            }
            ready = true
          }
          runner.send(snippet.name)
          const event = await withinBackstop(runner.next(), limitMs)
          problems.push(...judge(snippet, event))
          if (event.type !== "done") {
            await retire(runner, "kill")
            runner = undefined
            ready = false
          }
        }
        if (runner !== undefined) await retire(runner, ready ? "close" : "kill")
      }
      const firsts = spare.length > 0 ? spare.splice(0) : Array.from({ length: workers }, () => undefined)
      await Promise.all(firsts.map(worker))
      return problems
    })

  return Effect.acquireRelease(
    Effect.succeed<SnippetRunners>({ run }),
    () =>
      Effect.promise(() => {
        stopped = true
        return Promise.all([...live].map((runner) => retire(runner, "kill")))
      }),
  )
}
