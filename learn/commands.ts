/**
 * The learner's commands, the same in the watch loop (typed, then Enter) and
 * on the command line (`npm run learn -- hint`): hint, list, next, skip,
 * reset N (or all), start N, solution, quit. Each takes the progress and
 * says what to show next; none advances on its own.
 */
import { join } from "node:path"
import type { Exercise } from "./exercise.ts"
import { readSolution, restoreStub } from "./files.ts"
import {
  forget,
  hintsShownOf,
  isSkipped,
  isSolved,
  markSkipped,
  nextUnsolved,
  type Progress,
  showHint,
} from "./progress.ts"
import { type Text, text } from "./text.ts"
import { exerciseNumber, track } from "./track/index.ts"

export interface Outcome {
  readonly progress: Progress
  /** What to show: the current exercise (checked again when `recheck`), the list, or a text of its own. */
  readonly show: "exercise" | "list" | { readonly text: string }
  readonly recheck?: boolean | undefined
  readonly notice?: Text | undefined
  readonly quit?: boolean | undefined
}

const current = (progress: Progress): Exercise => exerciseNumber(progress.current)!

const numberArgument = (word: string | undefined): number | undefined => {
  if (word === undefined || !/^\d+$/.test(word)) return undefined
  const n = Number(word)
  return n >= 1 && n <= track.length ? n : undefined
}

const needsNumber = (command: string): Text =>
  text(
    `\`${command}\` takes an exercise number from 1 to ${track.length}, e.g. \`${command} 3\`.`,
    `\`${command}\`에는 1부터 ${track.length}까지의 연습 번호가 필요합니다. 예: \`${command} 3\`.`,
  )

const moveOn = (progress: Progress, after: number): Outcome => {
  const next = nextUnsolved(progress, after, track.length)
  if (next === undefined) {
    return {
      progress,
      show: "list",
      notice: text("Every exercise is solved. Well done!", "모든 연습을 풀었습니다. 수고했습니다!"),
    }
  }
  return { progress: { ...progress, current: next }, show: "exercise", recheck: true }
}

const reset = async (progress: Progress, dir: string, which: string | undefined): Promise<Outcome> => {
  const targets = which === "all" ? track : [exerciseNumber(numberArgument(which) ?? 0)].filter((e) => e !== undefined)
  if (targets.length === 0) {
    return { progress, show: "exercise", notice: needsNumber("reset") }
  }
  let next = progress
  for (const exercise of targets) {
    if (!(await restoreStub(exercise, dir))) {
      return {
        progress: next,
        show: "exercise",
        notice: text(
          `Could not restore ${exercise.file}: reset reads the file as shipped from git (is git installed, and is this a clone?).`,
          `${exercise.file}을(를) 되돌리지 못했습니다. reset은 git에서 원래 파일을 읽습니다(git이 있고, 이곳이 clone인가요?).`,
        ),
      }
    }
    next = forget(next, exercise.number)
  }
  const what = which === "all"
    ? text("Every exercise is back as shipped.", "모든 연습 문제를 처음 상태로 되돌렸습니다.")
    : text(
      `Exercise ${targets[0]!.number} is back as shipped.`,
      `연습 ${targets[0]!.number}을(를) 처음 상태로 되돌렸습니다.`,
    )
  if (which === "all") next = { ...next, current: 1 }
  return { progress: next, show: "exercise", recheck: true, notice: what }
}

/** Runs one command line; `dir` is the learner's exercises folder. */
export const runCommand = async (line: string, progress: Progress, dir: string): Promise<Outcome> => {
  const [command = "", argument] = line.trim().split(/\s+/)
  const exercise = current(progress)
  switch (command.toLowerCase()) {
    case "":
    case "check":
      return { progress, show: "exercise", recheck: true }
    case "h":
    case "hint": {
      const shown = hintsShownOf(progress, exercise.number)
      return {
        progress: showHint(progress, exercise.number, exercise.hints.length),
        show: "exercise",
        notice: shown >= exercise.hints.length
          ? text("No more hints: these are all of them.", "더 이상 힌트가 없습니다. 이것이 전부입니다.")
          : undefined,
      }
    }
    case "l":
    case "list":
      return { progress, show: "list" }
    case "n":
    case "next":
      if (!isSolved(progress, exercise.number) && !isSkipped(progress, exercise.number)) {
        return {
          progress,
          show: "exercise",
          notice: text(
            `Exercise ${exercise.number} is not solved yet. \`skip\` leaves it for later.`,
            `연습 ${exercise.number}은(는) 아직 풀지 않았습니다. \`skip\`으로 나중으로 미룰 수 있습니다.`,
          ),
        }
      }
      return moveOn(progress, exercise.number)
    case "skip":
      return isSolved(progress, exercise.number)
        ? moveOn(progress, exercise.number)
        : moveOn(markSkipped(progress, exercise.number), exercise.number)
    case "start":
    case "go": {
      const n = numberArgument(argument)
      return n === undefined
        ? { progress, show: "exercise", notice: needsNumber("start") }
        : { progress: { ...progress, current: n }, show: "exercise", recheck: true }
    }
    case "reset":
      return reset(progress, dir, argument)
    case "solution": {
      if (!isSolved(progress, exercise.number)) {
        return {
          progress,
          show: "exercise",
          notice: text(
            `A solution is shown once exercise ${exercise.number} is solved. Until then: \`hint\`.`,
            `풀이는 연습 ${exercise.number}을(를) 푼 뒤에 보여 줍니다. 그때까지는 \`hint\`를 쓰세요.`,
          ),
        }
      }
      const solution = await readSolution(exercise)
      return { progress, show: { text: solution ?? join("solutions", exercise.file) } }
    }
    case "q":
    case "quit":
    case "exit":
      return { progress, show: "exercise", quit: true }
    default:
      return {
        progress,
        show: "exercise",
        notice: text(`Unknown command "${command}".`, `"${command}"은(는) 없는 명령입니다.`),
      }
  }
}
