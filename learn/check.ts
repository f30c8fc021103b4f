/**
 * Runs one exercise's check against a file and says what came of it, in
 * words: solved, not yet (the check's own teaching message), a `todo()` still
 * there, or the file cannot run (a syntax error, an import the track does not
 * offer, a throw). Never a stack trace: the learner reads the message and the
 * charts, and the first line of anything their code threw.
 */
import { Cause, Effect, Exit, Option } from "effect"
import { ScheduleMismatch } from "poolwise/testing"
import type { Exercise } from "./exercise.ts"
import { type Chart, NeverEnds, NotYet } from "./kit.ts"
import { evaluate, importable, isTodo, load, type Loaded } from "./load.ts"
import { type Text, text } from "./text.ts"

export type Verdict =
  | { readonly _tag: "Solved" }
  | { readonly _tag: "NotYet"; readonly text: Text; readonly charts: ReadonlyArray<Chart> }
  | { readonly _tag: "Todo"; readonly text: Text }
  | { readonly _tag: "Broken"; readonly text: Text }

/** How long a check may take on the real clock: only a program that blocks the event loop comes near it. */
const realLimitMs = 20_000

const firstLine = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message.split("\n")[0]}`
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

const todoVerdict = (exercise: Exercise): Verdict => ({ _tag: "Todo", text: exercise.todo })

const fromLoadProblem = (exercise: Exercise, loaded: Exclude<Loaded, { _tag: "Loaded" }>): Verdict => {
  switch (loaded._tag) {
    case "Todo":
      return todoVerdict(exercise)
    case "Missing":
      return {
        _tag: "Broken",
        text: text(
          `${loaded.file} is missing. \`reset ${exercise.number}\` brings the exercise back.`,
          `${loaded.file} 파일이 없습니다. \`reset ${exercise.number}\`로 연습 문제를 되돌릴 수 있습니다.`,
        ),
      }
    case "Syntax":
      return {
        _tag: "Broken",
        text: text(
          `It does not parse yet: line ${loaded.line}: ${loaded.message}\n  ${loaded.source.trim()}`,
          `아직 구문 분석이 되지 않습니다. ${loaded.line}번째 줄: ${loaded.message}\n  ${loaded.source.trim()}`,
        ),
      }
    case "Import":
      return {
        _tag: "Broken",
        text: text(
          `"${loaded.specifier}" is not offered to exercises: import from ${importable.join(", ")}.`,
          `"${loaded.specifier}"은(는) 연습 문제에서 쓸 수 없습니다. 다음에서 import하세요: ${importable.join(", ")}.`,
        ),
      }
    case "Threw":
      return {
        _tag: "Broken",
        text: text(
          `The file threw while loading: ${firstLine(loaded.error)}`,
          `파일을 불러오는 중에 예외가 던져졌습니다: ${firstLine(loaded.error)}`,
        ),
      }
  }
}

const fromFailure = (exercise: Exercise, error: unknown): Verdict => {
  if (error instanceof NotYet) return { _tag: "NotYet", text: error.text, charts: error.charts ?? [] }
  if (error instanceof NeverEnds) {
    return {
      _tag: "NotYet",
      text: text(
        `Your program never finished: after ${error.afterMs / 3_600_000} hour of virtual time it was still waiting. ` +
          `Something it waits for never comes (a permit or a connection never given back?).`,
        `프로그램이 끝나지 않았습니다. 가상 시간으로 ${error.afterMs / 3_600_000}시간이 지나도 기다리고 있었습니다. ` +
          `기다리는 것이 끝내 오지 않습니다(돌려주지 않은 permit이나 커넥션은 없나요?).`,
      ),
      charts: [],
    }
  }
  if (error instanceof ScheduleMismatch) {
    return { _tag: "NotYet", text: text(error.message, error.message), charts: [] }
  }
  if (isTodo(error)) return todoVerdict(exercise)
  return {
    _tag: "NotYet",
    text: text(
      `Your program failed with: ${firstLine(error)}`,
      `프로그램이 다음 에러로 실패했습니다: ${firstLine(error)}`,
    ),
    charts: [],
  }
}

const fromDefect = (exercise: Exercise, defect: unknown): Verdict => {
  if (isTodo(defect)) return todoVerdict(exercise)
  return {
    _tag: "Broken",
    text: text(`Your code threw: ${firstLine(defect)}`, `코드가 예외를 던졌습니다: ${firstLine(defect)}`),
  }
}

/** Runs `exercise`'s check on an already loaded file. */
export const judge = async (exercise: Exercise, loaded: Loaded): Promise<Verdict> => {
  if (loaded._tag !== "Loaded") return fromLoadProblem(exercise, loaded)
  const exit = await Effect.runPromiseExit(
    Effect.suspend(() => exercise.check(loaded.exports)).pipe(
      Effect.timeoutFail({
        duration: realLimitMs,
        onTimeout: () =>
          new NotYet({
            text: text(
              `The check ran for ${
                realLimitMs / 1000
              } s of real time without an answer: does your code wait on a real timer or a promise that never resolves?`,
              `검사가 실제 시간으로 ${
                realLimitMs / 1000
              }초 동안 답을 내지 못했습니다. 코드가 실제 타이머나 끝나지 않는 promise를 기다리고 있지는 않나요?`,
            ),
          }),
      }),
    ),
  )
  if (Exit.isSuccess(exit)) return { _tag: "Solved" }
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) return fromFailure(exercise, failure.value)
  const defect = Cause.dieOption(exit.cause)
  if (Option.isSome(defect)) return fromDefect(exercise, defect.value)
  return {
    _tag: "Broken",
    text: text(
      "Your program was interrupted before it finished.",
      "프로그램이 끝나기 전에 인터럽트되었습니다.",
    ),
  }
}

/** Loads `file` and runs `exercise`'s check on it. */
export const checkFile = async (exercise: Exercise, file: string): Promise<Verdict> => judge(exercise, await load(file))

/** Runs `exercise`'s check on source text (the tests use it on stubs and solutions). */
export const checkSource = (exercise: Exercise, file: string, source: string): Promise<Verdict> =>
  judge(exercise, evaluate(file, source))
