/**
 * Exercise 8, a solution. The starts pin the schedule (task 3 at 100 ms,
 * when task 1 frees its slot; task 4 at 300 ms, when tasks 2 and 3 end),
 * and the peak pins the limit. `greedyStarts([100, 300, 200, 100], 2)`
 * computes the same starts.
 *
 * 연습 8의 풀이. 시작 시각이 스케줄을 못 박고(태스크 3은 태스크 1이 슬롯을 비우는
 * 100 ms에, 태스크 4는 태스크 2와 3이 끝나는 300 ms에), 최고치가 상한을 못
 * 박습니다. `greedyStarts([100, 300, 200, 100], 2)`도 같은 시작 시각을 계산합니다.
 */
import { Effect } from "effect"
import { assertMakespan, assertPeakInFlight, assertStarts, predictTimeline, sleepFor } from "poolwise/testing"

export type Runner = (
  items: ReadonlyArray<number>,
  task: (ms: number, index: number) => Effect.Effect<number>,
) => Effect.Effect<ReadonlyArray<number>>

export const provePoolOf2 = (run: Runner): Effect.Effect<void, unknown> =>
  Effect.gen(function* () {
    const [, timeline] = yield* predictTimeline((probe) => run([100, 300, 200, 100], probe.task(sleepFor)))
    yield* assertStarts(timeline, [0, 0, 100, 300])
    yield* assertPeakInFlight(timeline, 2)
    yield* assertMakespan(timeline, 400)
  })
