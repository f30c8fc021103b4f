/**
 * What the playground computes, with the kit itself: the kit's `chunked` and
 * `pooled` run the learner's durations under TestClock (`predictTimeline`
 * from `poolwise/testing`, in schedule.ts), the kit's renderers draw them, and a bad limit is
 * refused by the runners themselves, with the kit's `InvalidOptionError`
 * message (a bad duration with the same error and message shape).
 * Nothing here re-implements a schedule.
 *
 * This module is loaded only when a playground is on screen, so pages without
 * one never download Effect.
 */
import { Cause, Duration, Effect, Either, Exit, Fiber } from "effect"
import { chunked, InvalidOptionError, pooled } from "poolwise"
import { sleepFor } from "poolwise/testing"
import { renderGantt, renderSvgComparison, type Timeline } from "poolwise/timeline"
import { scheduleOf } from "./schedule.ts"
import type { PlaygroundStrings } from "./strings.ts"

/** The fields as the learner typed them. */
export interface PlaygroundInput {
  readonly durations: string
  readonly limit: string
  /** Empty: the same as the limit. */
  readonly chunkSize: string
}

/** One strategy's outcome. */
export interface StrategyResult {
  readonly timeline: Timeline
  readonly makespan: number
  /** Slots × makespan − the tasks' total time: slot time spent waiting while the run was not done. */
  readonly idle: number
}

export interface Prediction {
  readonly durations: ReadonlyArray<number>
  readonly concurrency: number
  readonly chunkSize: number
  readonly chunked: StrategyResult
  readonly pooled: StrategyResult
  /** Both schedules in one picture, by `renderSvgComparison`. */
  readonly svg: string
  /** Both schedules as text, by `renderGantt`. */
  readonly gantt: string
}

/** The most tasks the playground runs: a chart of more is a smear, and it stays fast. */
export const MAX_TASKS = 1_000

/** A field's text as the kit should see it: a plain number as that number, anything else as the text itself. */
const asTyped = (text: string): unknown => /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim()

const WHOLE_MS = /^\d+$/

/**
 * The durations field: whole milliseconds separated by commas (`100, 300, 200`),
 * as the CLI's `--durations` takes them. The first bad entry is refused with
 * the kit's `InvalidOptionError`, naming the option `durations` and the entry
 * as typed. (The kit's runners check their limits themselves; a task's
 * duration is the playground's input, so the playground checks it.)
 */
export const parseDurations = (text: string): Either.Either<Array<number>, InvalidOptionError> => {
  const entries = text.split(/[,;\n]/).map((entry) => entry.trim()).filter((entry) => entry !== "")
  const refuse = (value: string, reason: string) =>
    Either.left(new InvalidOptionError({ option: "durations", value, reason }))
  if (entries.length > MAX_TASKS) {
    return refuse(`${entries.length} tasks`, `expected at most ${MAX_TASKS.toLocaleString("en-US")} tasks`)
  }
  const durations: Array<number> = []
  for (const entry of entries) {
    const ms = Number(entry)
    if (!WHOLE_MS.test(entry) || !Number.isSafeInteger(ms)) {
      return refuse(entry, "expected whole milliseconds ≥ 0 separated by commas")
    }
    durations.push(ms)
  }
  return Either.right(durations)
}

const resultOf = (timeline: Timeline): StrategyResult => {
  const slots = timeline.spans.reduce((highest, span) => Math.max(highest, span.slot), 0)
  const busy = timeline.spans.reduce((total, span) => total + (span.end - span.start), 0)
  return { timeline, makespan: timeline.makespan, idle: slots * timeline.makespan - busy }
}

/**
 * The limit and chunk size go to the runners as typed: the runners check
 * their own options, so "0" or "abc" gets the kit's refusal, not ours.
 */
const limitsOf = (input: PlaygroundInput) => {
  const concurrency = asTyped(input.limit)
  const chunkSize = input.chunkSize.trim() === "" ? concurrency : asTyped(input.chunkSize)
  // Unchecked on purpose (see above): the types say number, the runners check at run time.
  return { concurrency: concurrency as number, chunkSize: chunkSize as number }
}

/** Runs the kit's chunked and pooled over the durations in virtual time, and draws both. */
export const predict = (
  input: PlaygroundInput,
  strings: PlaygroundStrings,
): Effect.Effect<Prediction, InvalidOptionError> =>
  Effect.gen(function* () {
    const durations = yield* parseDurations(input.durations)
    const { concurrency, chunkSize } = limitsOf(input)
    // pooled first: with the chunk size left empty, a bad limit is named as pooled's `concurrency`.
    const pool = yield* scheduleOf("pooled", durations, concurrency)
    const chunks = yield* scheduleOf("chunked", durations, chunkSize)
    return draw(durations, concurrency, chunkSize, pool, chunks, strings)
  })

const draw = (
  durations: ReadonlyArray<number>,
  concurrency: number,
  chunkSize: number,
  pool: Timeline,
  chunks: Timeline,
  strings: PlaygroundStrings,
): Prediction => {
  const svg = renderSvgComparison([
    { title: strings.chunkedTitle(chunkSize, chunks.makespan), timeline: chunks, idleLabel: strings.idleLabel },
    { title: strings.pooledTitle(concurrency, pool.makespan), timeline: pool },
  ], { title: strings.pictureTitle(durations.length), width: 640, words: strings.svgWords })
  const gantt = [
    strings.chunkedTitle(chunkSize, chunks.makespan),
    renderGantt(chunks),
    "",
    strings.pooledTitle(concurrency, pool.makespan),
    renderGantt(pool),
  ].join("\n")
  return { durations, concurrency, chunkSize, chunked: resultOf(chunks), pooled: resultOf(pool), svg, gantt }
}

/** What a prediction gives the page: the prediction, or the message of what refused it. */
export type Outcome =
  | { readonly ok: true; readonly prediction: Prediction; readonly ms: number }
  | { readonly ok: false; readonly message: string }

/** Runs {@link predict} and times it; any failure or defect becomes its message (never a blank page). */
export const predictNow = async (input: PlaygroundInput, strings: PlaygroundStrings): Promise<Outcome> => {
  const started = performance.now()
  const exit = await Effect.runPromiseExit(predict(input, strings))
  if (Exit.isSuccess(exit)) return { ok: true, prediction: exit.value, ms: performance.now() - started }
  const error = Cause.squash(exit.cause)
  return { ok: false, message: error instanceof Error ? error.message : String(error) }
}

/** The longest schedule the real-clock run takes on. */
export const MAX_LIVE_MS = 30_000

/** Measured makespans of a real-clock run, in ms. */
export interface LiveResult {
  readonly chunked: number
  readonly pooled: number
}

/**
 * Runs the same schedules on the real clock, both at once (their tasks only
 * sleep), and measures each makespan with Effect's clock. `cancel` interrupts
 * the run.
 */
export const runLive = (
  prediction: Prediction,
): { readonly result: Promise<LiveResult>; readonly cancel: () => void } => {
  const timed = <E>(run: Effect.Effect<unknown, E>) =>
    Effect.map(Effect.timed(run), ([elapsed]) => Duration.toMillis(elapsed))
  const fiber = Effect.runFork(
    Effect.all({
      chunked: timed(chunked(prediction.durations, sleepFor, { chunkSize: prediction.chunkSize })),
      pooled: timed(pooled(prediction.durations, sleepFor, { concurrency: prediction.concurrency })),
    }, { concurrency: 2 }),
  )
  return {
    result: Effect.runPromise(Fiber.join(fiber)),
    cancel: () => Effect.runFork(Fiber.interrupt(fiber)),
  }
}
