/**
 * Schedules in words and pictures: what a model (a pool, chunks, one at a
 * time) does with tasks of known durations, why each task starts when it
 * does, and the learner's schedule drawn above the expected one on the same
 * scale. Tasks are labelled "1", "2", … in input order, as in the chapters.
 */
import { Effect } from "effect"
import { assertStarts, chunkedStarts, greedyStarts, startsByLabel } from "poolwise/testing"
import { renderGantt, type Timeline } from "poolwise/timeline"
import { type Chart, NotYet } from "./kit.ts"
import { subjectKo, type Text, text, topicKo } from "./text.ts"

export type Model =
  | { readonly kind: "pool"; readonly limit: number }
  | { readonly kind: "chunks"; readonly size: number }
  | { readonly kind: "one at a time" }
  | { readonly kind: "all at once" }

export const pool = (limit: number): Model => ({ kind: "pool", limit })
export const chunks = (size: number): Model => ({ kind: "chunks", size })

export const nameOf = (model: Model): Text => {
  switch (model.kind) {
    case "pool":
      return text(`a pool of ${model.limit}`, `워커 ${model.limit}개의 풀`)
    case "chunks":
      return text(`chunks of ${model.size}`, `크기 ${model.size}의 청크`)
    case "one at a time":
      return text("one at a time", "하나씩 차례로")
    case "all at once":
      return text("all at once", "한꺼번에 모두")
  }
}

/** When each task (by input index) starts under `model`. */
export const startsOf = (model: Model, durations: ReadonlyArray<number>): Array<number> => {
  switch (model.kind) {
    case "pool":
      return greedyStarts(durations, model.limit)
    case "chunks":
      return chunkedStarts(durations, model.size)
    case "one at a time":
      return greedyStarts(durations, 1)
    case "all at once":
      return durations.map(() => 0)
  }
}

/** Why task `index` starts when `model` starts it, in words ("when task 1 frees its slot"). */
export const reasonFor = (model: Model, durations: ReadonlyArray<number>, index: number): Text => {
  const starts = startsOf(model, durations)
  const start = starts[index]!
  if (start === 0) return text("since a slot is free from the start", "처음부터 빈 슬롯이 있으니까요")
  const endsThen = durations.flatMap((d, j) => j < index && starts[j]! + d === start ? [j + 1] : [])
  const task = endsThen.length > 0 ? endsThen[endsThen.length - 1]! : index
  switch (model.kind) {
    case "chunks":
      return text(
        `when task ${task}, the longest of the chunk before, ends`,
        `앞 청크에서 가장 긴 태스크 ${subjectKo(task)} 끝날 때`,
      )
    case "one at a time":
      return text(`when task ${index} ends`, `태스크 ${subjectKo(index)} 끝날 때`)
    default:
      return text(`when task ${task} frees its slot`, `태스크 ${subjectKo(task)} 슬롯을 비울 때`)
  }
}

const expectedPeak = (model: Model, durations: ReadonlyArray<number>): number =>
  timelineOf(startsOf(model, durations), durations).peakInFlight

/** A timeline drawn from start times and durations: slots as the recorder gives them (lowest free one). */
export const timelineOf = (
  starts: ReadonlyArray<number>,
  durations: ReadonlyArray<number>,
  labels: ReadonlyArray<string> = durations.map((_, i) => String(i + 1)),
): Timeline => {
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || a - b)
  const freeAt: Array<number> = []
  const spans = order.map((index) => {
    const start = starts[index]!
    let slot = freeAt.findIndex((free) => free <= start)
    if (slot === -1) slot = freeAt.length
    freeAt[slot] = start + durations[index]!
    return {
      index,
      label: labels[index]!,
      slot: slot + 1,
      start,
      end: start + durations[index]!,
      outcome: "succeeded" as const,
    }
  })
  return {
    spans,
    makespan: Math.max(0, ...spans.map((span) => span.end)),
    peakInFlight: freeAt.length,
  }
}

const niceSteps = [1, 2, 5]
const msPerCellFor = (makespan: number, width = 60): number => {
  const raw = Math.max(makespan, 1) / width
  for (let magnitude = 1;; magnitude *= 10) {
    for (const step of niceSteps) if (step * magnitude >= raw) return step * magnitude
  }
}

/** Several timelines on one scale, so their bars line up column for column. */
export const drawTogether = (timelines: ReadonlyArray<readonly [Text, Timeline]>): Array<Chart> => {
  const msPerCell = msPerCellFor(Math.max(...timelines.map(([, t]) => t.makespan)))
  return timelines.map(([title, timeline]) => ({
    title,
    chart: timeline.spans.length === 0 ? "(no task ran)" : renderGantt(timeline, { msPerCell }),
  }))
}

/** The first task (input order) whose start differs, in words, or undefined when all agree. */
export const firstDifference = (
  actual: Readonly<Record<string, number>>,
  model: Model,
  durations: ReadonlyArray<number>,
  verb: Text = text("started", "시작"),
): Text | undefined => {
  const expected = startsOf(model, durations)
  for (let index = 0; index < durations.length; index++) {
    const label = String(index + 1)
    const got = actual[label]
    if (got === expected[index]) continue
    const name = nameOf(model)
    const reason = reasonFor(model, durations, index)
    const yours = got === undefined
      ? text(`task ${label} never ran`, `태스크 ${topicKo(index + 1)} 실행되지 않았습니다`)
      : text(`task ${label} ${verb.en} at ${got} ms`, `태스크 ${label}의 ${verb.ko}: ${got} ms`)
    return text(
      `${yours.en}; ${name.en} starts it at ${expected[index]} ms, ${reason.en}.`,
      `${yours.ko}. ${name.ko}에서는 ${expected[index]} ms에 시작합니다: ${reason.ko}.`,
    )
  }
  return undefined
}

/**
 * The learner's recorded schedule must be `model`'s: every task (labelled
 * "1".."n") starts when the model says. Built on `assertStarts`: its
 * `ScheduleMismatch` becomes the first difference in words and the two
 * schedules drawn one above the other.
 */
export const expectSchedule = (
  timeline: Timeline,
  model: Model,
  durations: ReadonlyArray<number>,
  options: { readonly about?: Text | undefined; readonly yours?: Text | undefined } = {},
): Effect.Effect<void, NotYet> => {
  const expected = startsOf(model, durations)
  const byLabel = Object.fromEntries(expected.map((start, i) => [String(i + 1), start]))
  const yours = options.yours ?? text("your schedule", "작성한 코드의 스케줄")
  return assertStarts(timeline, byLabel).pipe(
    Effect.catchTag("ScheduleMismatch", () => {
      const difference = firstDifference(startsByLabel(timeline), model, durations) ??
        text("Some task ran that should not have.", "실행되지 말아야 할 태스크가 실행되었습니다.")
      // One at a time where several were due is Effect's default at work: say so, it is the usual cause.
      const words = timeline.peakInFlight === 1 && expectedPeak(model, durations) > 1
        ? text(
          `${difference.en} Only one task ran at a time: Effect runs effects one after another unless it is given a \`concurrency\`.`,
          `${difference.ko} 한 번에 태스크 하나만 돌았습니다. Effect는 \`concurrency\`를 주지 않으면 effect를 하나씩 차례로 돌립니다.`,
        )
        : difference
      return Effect.fail(
        new NotYet({
          text: options.about === undefined
            ? words
            : text(`${options.about.en}: ${words.en}`, `${options.about.ko}: ${words.ko}`),
          charts: drawTogether([[yours, timeline], [nameOf(model), timelineOf(expected, durations)]]),
        }),
      )
    }),
  )
}

/**
 * A predicted list of start times against what `model` does: the first wrong
 * number in words, and the prediction drawn above the real schedule.
 */
export const expectPrediction = (
  predicted: ReadonlyArray<number>,
  model: Model,
  durations: ReadonlyArray<number>,
  what: Text,
): Effect.Effect<void, NotYet> => {
  const byLabel = Object.fromEntries(predicted.map((start, i) => [String(i + 1), start]))
  const difference = firstDifference(byLabel, model, durations, text("predicted to start", "예측한 시작"))
  if (difference === undefined) return Effect.void
  return Effect.fail(
    new NotYet({
      text: text(`${what.en}: ${difference.en}`, `${what.ko}: ${difference.ko}`),
      charts: drawTogether([
        [text("your prediction", "예측한 스케줄"), timelineOf(predicted, durations)],
        [nameOf(model), timelineOf(startsOf(model, durations), durations)],
      ]),
    }),
  )
}

/**
 * Predicted starts against a recorded timeline (for schedules no model here
 * describes, such as an ordered stream): the first wrong number, why the real
 * one is what it is, and both drawn.
 */
export const expectRecorded = (
  predicted: ReadonlyArray<number>,
  timeline: Timeline,
  durations: ReadonlyArray<number>,
  what: Text,
  why: Text,
): Effect.Effect<void, NotYet> => {
  const actual = startsByLabel(timeline)
  const index = predicted.findIndex((start, i) => actual[String(i + 1)] !== start)
  if (index === -1) return Effect.void
  const label = String(index + 1)
  return Effect.fail(
    new NotYet({
      text: text(
        `${what.en}: you predicted task ${label} to start at ${predicted[index]} ms; it started at ${
          actual[label]
        } ms. ${why.en}`,
        `${what.ko}: 태스크 ${label}의 예측한 시작은 ${predicted[index]} ms, 실제는 ${
          actual[label]
        } ms입니다. ${why.ko}`,
      ),
      charts: drawTogether([
        [text("your prediction", "예측한 스케줄"), timelineOf(predicted, durations)],
        [text("what it did", "실제 스케줄"), timeline],
      ]),
    }),
  )
}
