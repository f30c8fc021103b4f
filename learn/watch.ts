/**
 * The watch loop (`npm run learn`): it checks the current exercise, then again
 * on every save of its file, and takes commands typed at the prompt. On a
 * terminal each verdict replaces the screen; in a pipe screens follow one
 * another. Progress is saved after every change. Nothing advances by itself.
 */
import { watch as watchFiles } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { checkFile, type Verdict } from "./check.ts"
import { type Outcome, runCommand } from "./commands.ts"
import { shown } from "./files.ts"
import { markSolved, type Progress, readProgress, writeProgress } from "./progress.ts"
import { renderExercise, renderList, type Style } from "./screen.ts"
import type { Text } from "./text.ts"
import { exerciseNumber, track } from "./track/index.ts"

export interface WatchOptions {
  readonly dir: string
  readonly style: Style
  /** Clear the screen before each view (a terminal). */
  readonly clear: boolean
  readonly input: NodeJS.ReadableStream
  readonly output: NodeJS.WritableStream
}

/** How long a burst of file events (an editor's truncate, then write) is waited out before checking. */
const settleMs = 40

export const watch = async (options: WatchOptions): Promise<void> => {
  const { dir, style, output } = options
  let progress: Progress = await readProgress(dir, track.length)
  let verdict: Verdict | undefined
  let view: Outcome["show"] = "exercise"
  let notice: Text | undefined
  let checking = false
  let again = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const exercise = () => exerciseNumber(progress.current)!
  const write = (s: string) => output.write(s)
  const prompt = () => write("> ")

  const draw = () => {
    write(options.clear ? "\x1b[2J\x1b[3J\x1b[H" : "\n" + "─".repeat(60) + "\n")
    if (view === "list") write(renderList(style, progress))
    else if (typeof view === "object") write(view.text)
    else write(renderExercise(style, progress, exercise(), shown(join(dir, exercise().file)), verdict, notice))
    write("\n")
    prompt()
  }

  const check = async (): Promise<void> => {
    if (checking) {
      again = true
      return
    }
    checking = true
    try {
      const checked = exercise()
      const result = await checkFile(checked, join(dir, checked.file))
      if (checked !== exercise()) return // the learner moved on meanwhile; the new one is checked next
      verdict = result
      if (result._tag === "Solved") {
        progress = markSolved(progress, checked.number)
        await writeProgress(dir, progress)
      }
      if (view === "exercise") draw()
    } finally {
      checking = false
      if (again) {
        again = false
        void check()
      }
    }
  }

  const watcher = watchFiles(dir, (_event, filename) => {
    if (filename !== null && filename !== exercise().file) return
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      view = "exercise"
      notice = undefined
      void check()
    }, settleMs)
  })

  const lines = createInterface({ input: options.input, terminal: false })
  await new Promise<void>((finished) => {
    const stop = () => {
      watcher.close()
      if (timer !== undefined) clearTimeout(timer)
      lines.close()
      finished()
    }
    lines.on("close", stop)
    process.once("SIGINT", stop)
    lines.on("line", (line) => {
      void runCommand(line, progress, dir).then(async (outcome) => {
        const moved = outcome.progress.current !== progress.current
        progress = outcome.progress
        await writeProgress(dir, progress)
        if (outcome.quit) return stop()
        view = outcome.show
        notice = outcome.notice
        if (moved) verdict = undefined
        draw()
        if (outcome.recheck) await check()
      })
    })
    draw()
    void check()
  })
  write("\n")
}
