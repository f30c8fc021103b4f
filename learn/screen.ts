/**
 * What the learner reads: the current exercise with its verdict and the hints
 * shown so far, the list of every exercise with progress, and the commands.
 * Plain text; colour only on a terminal that wants it (not with `NO_COLOR`).
 */
import type { Verdict } from "./check.ts"
import { chapters, type Exercise, kindName } from "./exercise.ts"
import { hintsShownOf, isSkipped, isSolved, type Progress } from "./progress.ts"
import type { Lang, Text } from "./text.ts"
import { text } from "./text.ts"
import { track } from "./track/index.ts"

export interface Style {
  readonly lang: Lang
  readonly color: boolean
}

const paint = (style: Style, code: number, s: string) => style.color ? `\x1b[${code}m${s}\x1b[0m` : s
const green = (style: Style, s: string) => paint(style, 32, s)
const red = (style: Style, s: string) => paint(style, 31, s)
const yellow = (style: Style, s: string) => paint(style, 33, s)
const bold = (style: Style, s: string) => paint(style, 1, s)
const dim = (style: Style, s: string) => paint(style, 2, s)

const say = (style: Style, t: Text) => t[style.lang]
const indent = (s: string, by = "  ") => s.split("\n").map((line) => (line === "" ? line : by + line)).join("\n")

export const commandsLine: Text = text(
  "commands: hint · list · next · skip · reset N · start N · solution · quit",
  "명령: hint(힌트) · list(목록) · next(다음) · skip(건너뛰기) · reset N(되돌리기) · start N(N번으로) · solution(풀이) · quit(끝내기)",
)

const bar = (done: number, total: number, width = 27) => {
  const filled = Math.round((done / total) * width)
  return "█".repeat(filled) + "░".repeat(width - filled)
}

export const renderHeader = (style: Style, progress: Progress): string =>
  bold(style, "poolwise learn") + " · " + say(
    style,
    text(
      `${progress.solved.length} of ${track.length} solved`,
      `${track.length}개 중 ${progress.solved.length}개 풀이`,
    ),
  ) + " " + dim(style, bar(progress.solved.length, track.length))

const chapterLine = (style: Style, exercise: Exercise) => {
  const chapter = chapters[exercise.chapter]
  return say(
    style,
    text(
      `Exercise ${exercise.number} · ${kindName[exercise.kind].en} · chapter ${exercise.chapter}: ${chapter.title.en}`,
      `연습 ${exercise.number} · ${kindName[exercise.kind].ko} · ${exercise.chapter}장: ${chapter.title.ko}`,
    ),
  )
}

/** Where to edit and what to read, as paths the learner can open. */
export const whereLine = (style: Style, exercise: Exercise, file: string): string => {
  const page = style.lang === "ko"
    ? `docs/ko/${chapters[exercise.chapter].page}`
    : `docs/${chapters[exercise.chapter].page}`
  return say(style, text(`edit ${file} · read ${page}`, `편집: ${file} · 읽기: ${page}`))
}

export const renderVerdict = (style: Style, exercise: Exercise, verdict: Verdict): string => {
  switch (verdict._tag) {
    case "Solved":
      return green(style, say(style, text("✓ Solved!", "✓ 풀었습니다!"))) + "\n" + indent(say(
        style,
        exercise.number < track.length
          ? text(
            `Type \`next\` for exercise ${
              exercise.number + 1
            }, or keep editing: every save checks again. \`solution\` shows one solution.`,
            `\`next\`를 입력하면 연습 ${
              exercise.number + 1
            }로 갑니다. 계속 고쳐도 저장할 때마다 다시 검사합니다. \`solution\`은 풀이 하나를 보여 줍니다.`,
          )
          : text(
            "That was the last one. `list` shows what is left, `solution` one solution.",
            "마지막 연습이었습니다. `list`는 남은 것을, `solution`은 풀이 하나를 보여 줍니다.",
          ),
      ))
    case "Todo":
      return yellow(style, say(style, text("◌ Not started", "◌ 아직 시작 전"))) + "\n" +
        indent(say(style, verdict.text)) + "\n" +
        indent(dim(style, say(style, text("Stuck? Type `hint`.", "막히면 `hint`를 입력하세요."))))
    case "NotYet":
      return [
        red(style, say(style, text("✗ Not yet", "✗ 아직입니다"))),
        indent(say(style, verdict.text)),
        ...verdict.charts.map((chart) => "\n" + indent(bold(style, say(style, chart.title)) + "\n" + chart.chart)),
      ].join("\n")
    case "Broken":
      return red(style, say(style, text("✗ It does not run", "✗ 실행되지 않습니다"))) + "\n" +
        indent(say(style, verdict.text))
  }
}

export const renderHints = (style: Style, exercise: Exercise, progress: Progress): string => {
  const shown = hintsShownOf(progress, exercise.number)
  if (shown === 0) return ""
  const heading = say(
    style,
    text(
      `hints (${shown} of ${exercise.hints.length})`,
      `힌트 (${exercise.hints.length}개 중 ${shown}개)`,
    ),
  )
  const hints = exercise.hints.slice(0, shown).map((hint, i) => indent(`${i + 1}. ${say(style, hint)}`))
  const more = shown < exercise.hints.length
    ? say(
      style,
      text("`hint` again for a more specific one.", "`hint`를 한 번 더 입력하면 더 구체적인 힌트가 나옵니다."),
    )
    : say(style, text("That was the last hint.", "마지막 힌트였습니다."))
  return [bold(style, heading), ...hints, indent(dim(style, more))].join("\n")
}

/** The whole screen of the watch loop for the current exercise. */
export const renderExercise = (
  style: Style,
  progress: Progress,
  exercise: Exercise,
  file: string,
  verdict: Verdict | undefined,
  notice?: Text,
): string =>
  [
    renderHeader(style, progress),
    "",
    bold(style, chapterLine(style, exercise)),
    say(style, exercise.title),
    dim(style, whereLine(style, exercise, file)),
    "",
    verdict === undefined ? say(style, text("checking…", "검사 중…")) : renderVerdict(style, exercise, verdict),
    ...[renderHints(style, exercise, progress), notice === undefined ? "" : yellow(style, say(style, notice))]
      .filter((part) => part !== "")
      .flatMap((part) => ["", part]),
    "",
    dim(style, say(style, commandsLine)),
  ].join("\n")

/** Every exercise, with what is solved, skipped and current. */
export const renderList = (style: Style, progress: Progress): string => {
  const rows = track.map((exercise) => {
    const mark = isSolved(progress, exercise.number)
      ? green(style, "✓")
      : isSkipped(progress, exercise.number)
      ? yellow(style, "»")
      : "·"
    const current = exercise.number === progress.current ? "▶" : " "
    const kind = say(style, kindName[exercise.kind]).padEnd(style.lang === "ko" ? 5 : 9)
    return `${current} ${mark} ${String(exercise.number).padStart(2)} ${
      say(style, text("ch.", ""))
    }${exercise.chapter}${say(style, text("", "장"))} ${kind} ${say(style, exercise.title)}`
  })
  const legend = say(
    style,
    text(
      "✓ solved · » skipped · ▶ current. `start N` opens exercise N.",
      "✓ 풀이 · » 건너뜀 · ▶ 현재. `start N`은 연습 N을 엽니다.",
    ),
  )
  return [renderHeader(style, progress), "", ...rows, "", dim(style, legend)].join("\n")
}
