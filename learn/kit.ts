/**
 * What a check is made of. A check reads the learner's exports and runs them
 * as Effects in virtual time; when the answer is not right yet it fails with
 * {@link NotYet}, a message that teaches (in both languages), and charts when
 * a schedule is involved. Anything else that goes wrong (a `todo()` left, a
 * throw, a failure of the learner's own program) is turned into words by
 * check.ts, never shown as a stack trace.
 */
import { Data, Effect } from "effect"
import { predictTimeline, type Probe } from "poolwise/testing"
import { renderGantt, type Timeline } from "poolwise/timeline"
import type { Exports } from "./load.ts"
import { type Text, text } from "./text.ts"

export interface Chart {
  readonly title: Text
  readonly chart: string
}

/** Not right yet, and why: the verdict the learner reads. */
export class NotYet extends Data.TaggedError("NotYet")<{
  readonly text: Text
  readonly charts?: ReadonlyArray<Chart> | undefined
}> {}

export const notYet = (message: Text, charts?: ReadonlyArray<Chart>): Effect.Effect<never, NotYet> =>
  Effect.fail(new NotYet({ text: message, charts }))

/** The learner's program did not finish: it waits on something that never comes. */
export class NeverEnds extends Data.TaggedError("NeverEnds")<{ readonly afterMs: number }> {}

/** A check succeeds with nothing, or fails with what to fix. */
export type Check = (exports: Exports) => Effect.Effect<void, unknown>

/** The export `name`, or a message saying the check reads it by that name. */
export const exported = (exports: Exports, name: string): Effect.Effect<unknown, NotYet> =>
  name in exports ? Effect.succeed(exports[name]) : notYet(text(
    `The file does not export \`${name}\` any more: the check reads it by that name.`,
    `파일이 더 이상 \`${name}\`을(를) export하지 않습니다. 검사는 이 이름으로 읽습니다.`,
  ))

const describe = (value: unknown): string => {
  if (typeof value === "function") return "a function"
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** A finite number named `name` (a prediction, a size). */
export const numberAt = (exports: Exports, name: string): Effect.Effect<number, NotYet> =>
  Effect.flatMap(
    exported(exports, name),
    (value) =>
      typeof value === "number" && Number.isFinite(value) ? Effect.succeed(value) : notYet(text(
        `\`${name}\` should be a number, got ${describe(value)}.`,
        `\`${name}\`은(는) 숫자여야 합니다. 받은 값: ${describe(value)}.`,
      )),
  )

/** A list of `length` finite numbers named `name`. */
export const numbersAt = (
  exports: Exports,
  name: string,
  length: number,
): Effect.Effect<ReadonlyArray<number>, NotYet> =>
  Effect.flatMap(
    exported(exports, name),
    (value) =>
      Array.isArray(value) && value.length === length && value.every((n) => typeof n === "number" && Number.isFinite(n))
        ? Effect.succeed(value as ReadonlyArray<number>)
        : notYet(text(
          `\`${name}\` should be a list of ${length} numbers, got ${describe(value)}.`,
          `\`${name}\`은(는) 숫자 ${length}개의 배열이어야 합니다. 받은 값: ${describe(value)}.`,
        )),
  )

/** An object whose fields are numbers, named `name`, with exactly `keys`. */
export const numberRecordAt = <K extends string>(
  exports: Exports,
  name: string,
  keys: ReadonlyArray<K>,
): Effect.Effect<Readonly<Record<K, number>>, NotYet> =>
  Effect.flatMap(exported(exports, name), (value) => {
    const record = value as Record<string, unknown> | null
    const ok = typeof record === "object" && record !== null &&
      keys.every((key) => typeof record[key] === "number" && Number.isFinite(record[key]))
    return ok ? Effect.succeed(record as Record<K, number>) : notYet(text(
      `\`${name}\` should have a number for each of ${keys.join(", ")}; got ${describe(value)}.`,
      `\`${name}\`에는 ${keys.join(", ")} 각각에 숫자가 있어야 합니다. 받은 값: ${describe(value)}.`,
    ))
  })

/**
 * The function named `name`, called safely: what it throws becomes a defect
 * (reported by check.ts), and a result that is not an Effect a message.
 */
export const effectFunctionAt = (
  exports: Exports,
  name: string,
): Effect.Effect<(...args: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>, NotYet> =>
  Effect.flatMap(exported(exports, name), (value) =>
    typeof value !== "function"
      ? notYet(text(
        `\`${name}\` should be a function, got ${describe(value)}.`,
        `\`${name}\`은(는) 함수여야 합니다. 받은 값: ${describe(value)}.`,
      ))
      : Effect.succeed((...args: ReadonlyArray<unknown>) =>
        Effect.suspend(() => {
          const result: unknown = (value as (...args: ReadonlyArray<unknown>) => unknown)(...args)
          return Effect.isEffect(result) ? result as Effect.Effect<unknown, unknown> : notYet(text(
            `\`${name}\` should return an Effect (a description of the work), got ${describe(result)}.`,
            `\`${name}\`은(는) Effect(할 일의 기술)를 돌려줘야 합니다. 받은 값: ${describe(result)}.`,
          ))
        })
      ))

/** An Effect exported as a value (not a function) named `name`. */
export const effectAt = (exports: Exports, name: string): Effect.Effect<Effect.Effect<unknown, unknown>, NotYet> =>
  Effect.flatMap(
    exported(exports, name),
    (value) =>
      Effect.isEffect(value) ? Effect.succeed(value as Effect.Effect<unknown, unknown>) : notYet(text(
        `\`${name}\` should be an Effect, got ${describe(value)}.`,
        `\`${name}\`은(는) Effect여야 합니다. 받은 값: ${describe(value)}.`,
      )),
  )

/** How long a learner's program may run, in virtual time, before it is said never to end. */
export const deadlineMs = 3_600_000

/**
 * Runs a program in virtual time and records its probed calls. A program
 * that is still running after {@link deadlineMs} of virtual time, a deadlock
 * included (the deadline is itself a sleeper on the TestClock), fails with
 * {@link NeverEnds} at once.
 */
export const scheduleOf = <A, E>(
  program: (probe: Probe) => Effect.Effect<A, E>,
): Effect.Effect<readonly [A, Timeline], E | NeverEnds> =>
  predictTimeline((probe) =>
    Effect.timeoutFail(program(probe), {
      duration: deadlineMs,
      onTimeout: () => new NeverEnds({ afterMs: deadlineMs }),
    })
  )

/** Whether two values print the same as JSON (predictions against what happened). */
export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The results must be the tasks' results in input order. */
export const expectInputOrder = (results: unknown, expected: ReadonlyArray<unknown>): Effect.Effect<void, NotYet> =>
  sameJson(results, expected) ? Effect.void : notYet(text(
    `The schedule is right, but the results are not in input order: expected ${describe(expected)}, got ${
      describe(results)
    }.`,
    `스케줄은 맞지만 결과가 입력 순서가 아닙니다. 기대한 값 ${describe(expected)}, 받은 값 ${describe(results)}.`,
  ))

/** A predicted number against the real one, with why the real one is what it is. */
export const expectNumber = (what: Text, predicted: number, actual: number, why: Text): Effect.Effect<void, NotYet> =>
  predicted === actual ? Effect.void : notYet(text(
    `${what.en}: you said ${predicted}, it is ${actual}. ${why.en}`,
    `${what.ko}: 예측은 ${predicted}, 실제는 ${actual}입니다. ${why.ko}`,
  ))

/** Equal up to floating-point rounding (0.1 + 0.2 and 0.3). */
export const closeTo = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))

/** Calls the learner's function `name` on each case's arguments and compares with the expected number. */
export const expectFormula = (
  exports: Exports,
  name: string,
  cases: ReadonlyArray<readonly [ReadonlyArray<unknown>, number]>,
  why: Text,
): Effect.Effect<void, NotYet> =>
  Effect.gen(function* () {
    const f = yield* exported(exports, name)
    if (typeof f !== "function") {
      return yield* notYet(text(`\`${name}\` should be a function.`, `\`${name}\`은(는) 함수여야 합니다.`))
    }
    for (const [args, expected] of cases) {
      const got: unknown = yield* Effect.sync(() => (f as (...xs: ReadonlyArray<unknown>) => unknown)(...args))
      if (typeof got !== "number" || !closeTo(got, expected)) {
        const shown = args.map((arg) => (typeof arg === "object" ? JSON.stringify(arg) : String(arg))).join(", ")
        return yield* notYet(text(
          `${name}(${shown}) gave ${String(got)}; it should be ${expected}. ${why.en}`,
          `${name}(${shown})의 값은 ${String(got)}, 맞는 값은 ${expected}입니다. ${why.ko}`,
        ))
      }
    }
  })

/** A predicted list (names, indexes) against what happened, with the schedule drawn when there is one. */
export const expectList = (
  what: string,
  predicted: unknown,
  actual: ReadonlyArray<unknown>,
  why: Text,
  timeline?: Timeline,
): Effect.Effect<void, NotYet> =>
  sameJson(predicted, actual) ? Effect.void : notYet(
    text(
      `\`${what}\`: you said ${JSON.stringify(predicted)}; it is ${JSON.stringify(actual)}. ${why.en}`,
      `\`${what}\`: 예측은 ${JSON.stringify(predicted)}, 실제는 ${JSON.stringify(actual)}입니다. ${why.ko}`,
    ),
    timeline === undefined ? undefined : [{ title: text("what it did", "실제 스케줄"), chart: renderGantt(timeline) }],
  )
