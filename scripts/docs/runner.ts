/**
 * The snippet runner: one Node process (started by run.ts, with tsx) that loads
 * the kit once and then runs the snippet modules it is sent, one at a time, so
 * that a snippet costs its own work and not a fresh load of the kit.
 *
 * A snippet is done when importing its module has settled and everything it
 * started has ended (the process's active handles, requests and timers are
 * back to what they were before it): the same moment a process of its own
 * would have exited. A snippet that never gets there is the checker's to stop
 * (it kills this process and starts another for the rest).
 *
 * A snippet fails, alone, when its module throws or rejects, when something
 * it started throws or rejects unhandled, or when it sets process.exitCode.
 *
 * Usage: node --import tsx runner.ts <snippet dir> [kit entry files to preload...]
 */
import { join } from "node:path"
import { createInterface } from "node:readline"
import { pathToFileURL } from "node:url"
import { format, inspect } from "node:util"
import { type Failure, MARKER, type Printed, type RunnerMessage } from "./protocol.ts"

const [dir = ".", ...entries] = process.argv.slice(2)

const send = (message: RunnerMessage): void => {
  process.stdout.write(`\n${MARKER}${JSON.stringify(message)}\n`)
}

/** The snippet running now, collecting what it prints and how it fails. */
let current: { readonly printed: Array<Printed>; readonly failures: Array<Failure> } | undefined

const fail = (how: string, error: unknown): void => {
  const text = error instanceof Error || typeof error !== "string" ? inspect(error) : error
  if (current !== undefined) current.failures.push({ how, text })
  else process.stderr.write(`docs-check runner: ${how} between snippets: ${text}\n`)
}

process.on("uncaughtException", (error) => fail("uncaught exception", error))
process.on("unhandledRejection", (reason) => fail("unhandled rejection", reason))

const jsonOf = (args: ReadonlyArray<unknown>): string | undefined => {
  try {
    return JSON.stringify(args.length === 1 ? args[0] : args)
  } catch {
    return undefined
  }
}

// Called by the `__docsLog` that snippets.ts puts in place of an asserted console.log.
Object.assign(globalThis, {
  __docsRecord: (line: number, args: ReadonlyArray<unknown>): void => {
    current?.printed.push({ line, text: format(...args), json: jsonOf(args) })
  },
})

/** Active handles, requests and (ref'd) timers, counted by kind. */
const activeResources = (): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return counts
}

const isBackTo = (baseline: ReadonlyMap<string, number>): boolean =>
  [...activeResources()].every(([kind, count]) => count <= (baseline.get(kind) ?? 0))

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const runModule = async (name: string): Promise<void> => {
  const collected: NonNullable<typeof current> = { printed: [], failures: [] }
  current = collected
  // Taken outside any timer of ours; compared only after our polling timer has fired.
  const baseline = activeResources()
  try {
    await import(pathToFileURL(join(dir, name)).href)
  } catch (error) {
    fail("it threw", error)
  }
  // At least one turn of the event loop: Node reports unhandled rejections after the microtasks.
  await pause(5)
  while (!isBackTo(baseline)) await pause(5)
  const exitCode = process.exitCode
  if (exitCode !== undefined && exitCode !== 0) {
    collected.failures.push({ how: `it set process.exitCode to ${exitCode}`, text: "" })
    process.exitCode = 0
  }
  current = undefined
  send({ type: "done", name, ...collected })
}

for (const entry of entries) {
  try {
    await import(pathToFileURL(entry).href)
  } catch {
    // Each snippet that imports this entry reports the error itself.
  }
}
send({ type: "ready" })

// One at a time: the checker sends a name only after the answer for the one before.
let queue = Promise.resolve()
const input = createInterface({ input: process.stdin })
input.on("line", (name) => {
  queue = queue.then(() => runModule(name))
})
// No more snippets (the checker has every answer), or the checker is gone:
// leave now, whatever a snippet left behind.
input.on("close", () => process.exit(0))
