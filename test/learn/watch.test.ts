/**
 * The watch loop as a person meets it, through a real terminal (tmux): start
 * `npm run learn` (`deno task learn` on Deno), see exercise 1 fail, save the
 * solution into its file, see it pass, ask for a hint, quit, start again and
 * find the progress kept. Every wait is for something on the screen, with a
 * generous limit, so a busy machine only makes it slower. The exercises are a
 * temporary copy; the tmux session is killed whatever happens.
 */
import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { track } from "../../learn/track/index.ts"
import { copyOfExercises, learnCommandLine, root } from "./run.ts"

const tmux = (...args: ReadonlyArray<string>): string => execFileSync("tmux", args, { encoding: "utf8" })

const hasTmux = (() => {
  try {
    tmux("-V")
    return true
  } catch {
    return false
  }
})()

/** Generous: the tool starts a TypeScript runtime and Effect on a machine that may be shared by many. */
const waitLimitMs = 240_000

const screenOf = (session: string): string => tmux("capture-pane", "-p", "-t", session, "-S", "-200")

const sessionAlive = (session: string): boolean => {
  try {
    tmux("has-session", "-t", session)
    return true
  } catch {
    return false
  }
}

/**
 * Waits until `done(screen)` holds; on time-out, fails with the last screen seen.
 * A real timer on purpose: it polls another process (tmux) for what it shows,
 * and asserts what is shown, never how long it took.
 */
const waitFor = async (session: string, what: string, done: (screen: string) => boolean): Promise<string> => {
  const started = Date.now()
  let screen = ""
  while (Date.now() - started < waitLimitMs) {
    screen = sessionAlive(session) ? screenOf(session) : screen
    if (done(screen)) return screen
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`waited ${waitLimitMs / 1000} s for ${what}; the screen was:\n${screen}`)
}

const waitForExit = async (session: string): Promise<void> => {
  const started = Date.now()
  while (sessionAlive(session)) {
    if (Date.now() - started > waitLimitMs) throw new Error(`the tool did not quit within ${waitLimitMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const start = (session: string, dir: string) =>
  tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "150",
    "-y",
    "60",
    "-c",
    root,
    "-e",
    "LANG=en_US.UTF-8",
    "-e",
    "LC_ALL=",
    "-e",
    "NO_COLOR=1",
    learnCommandLine(["--dir", dir]),
  )

describe("npm run learn, in a terminal", () => {
  it.skipIf(!hasTmux)(
    "fails exercise 1, passes it once the solution is saved, shows a hint, quits, and keeps the progress across a restart",
    { timeout: 6 * waitLimitMs },
    async () => {
      const dir = copyOfExercises()
      const session = `poolwise-learn-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
      const exercise = track[0]!
      try {
        start(session, dir)
        await waitFor(session, "exercise 1 to fail", (s) => s.includes("✗ Not yet") && s.includes(exercise.untouched))

        // A save: the solution written over the learner's file.
        writeFileSync(join(dir, exercise.file), readFileSync(join(root, "solutions", exercise.file)))
        await waitFor(
          session,
          "exercise 1 to pass",
          (s) => s.includes("✓ Solved!") && s.includes(`1 of ${track.length} solved`),
        )

        tmux("send-keys", "-t", session, "hint", "Enter")
        const withHint = await waitFor(
          session,
          "the first hint",
          (s) => s.includes(`hints (1 of ${exercise.hints.length})`),
        )
        expect(withHint).toContain(exercise.hints[0]!.en.slice(0, 40))

        tmux("send-keys", "-t", session, "quit", "Enter")
        await waitForExit(session)

        start(session, dir)
        const again = await waitFor(session, "the kept progress", (s) => s.includes("✓ Solved!"))
        expect(again).toContain(`1 of ${track.length} solved`)
        expect(again).toContain(`hints (1 of ${exercise.hints.length})`)
        expect(again).toContain(`Exercise 1 · fix`)
        tmux("send-keys", "-t", session, "quit", "Enter")
        await waitForExit(session)
      } finally {
        if (sessionAlive(session)) tmux("kill-session", "-t", session)
        rmSync(dirname(dir), { recursive: true, force: true })
      }
    },
  )
})
