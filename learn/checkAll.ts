/**
 * `learn --check` and `learn --check N`: the same checks without a terminal,
 * for CI and for learners who cannot keep a watch loop open. One line per
 * exercise (or the whole verdict of exercise N); exit code 0 only when every
 * exercise checked is solved. Solved exercises are recorded in the progress.
 */
import { join, resolve } from "node:path"
import { checkFile, type Verdict } from "./check.ts"
import type { Exercise } from "./exercise.ts"
import { shown, solutionsDir } from "./files.ts"
import { markSolved, readProgress, writeProgress } from "./progress.ts"
import { renderVerdict, type Style, whereLine } from "./screen.ts"
import { text } from "./text.ts"
import { track } from "./track/index.ts"

const firstLine = (verdict: Verdict, style: Style): string =>
  verdict._tag === "Solved" ? "" : verdict.text[style.lang].split("\n")[0]!

/** Checks exercise `only` (or all of them) in `dir`; resolves to the process exit code. */
export const checkAll = async (
  dir: string,
  style: Style,
  write: (s: string) => void,
  only?: number,
): Promise<number> => {
  const exercises: ReadonlyArray<Exercise> = only === undefined ? track : [track[only - 1]!]
  let progress = await readProgress(dir, track.length)
  let solved = 0
  for (const exercise of exercises) {
    const verdict = await checkFile(exercise, join(dir, exercise.file))
    if (verdict._tag === "Solved") {
      solved++
      progress = markSolved(progress, exercise.number)
    }
    if (only !== undefined) {
      write(
        `${style.lang === "ko" ? `연습 ${exercise.number}` : `Exercise ${exercise.number}`}: ${
          exercise.title[style.lang]
        }\n`,
      )
      write(`${whereLine(style, exercise, shown(join(dir, exercise.file)))}\n\n`)
      write(renderVerdict(style, exercise, verdict) + "\n")
    } else {
      const mark = verdict._tag === "Solved" ? "✓" : verdict._tag === "Todo" ? "◌" : "✗"
      const why = firstLine(verdict, style)
      write(
        `${mark} ${String(exercise.number).padStart(2)} ${exercise.title[style.lang]}${why === "" ? "" : `: ${why}`}\n`,
      )
    }
  }
  if (only === undefined) {
    write(
      "\n" + text(
        `${solved} of ${exercises.length} solved in ${shown(dir)}`,
        `${shown(dir)}: ${exercises.length}개 중 ${solved}개 풀이`,
      )[style.lang] + "\n",
    )
  }
  // The repository's own solutions are checked by CI; they keep no progress.
  if (resolve(dir) !== resolve(solutionsDir)) await writeProgress(dir, progress)
  return solved === exercises.length ? 0 : 1
}
