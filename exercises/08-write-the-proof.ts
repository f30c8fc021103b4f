/**
 * Exercise 8 · implement · chapter 3, Testing time without waiting (docs/03-testing-time.md)
 *
 * So far the checks were written for you. Now write one. `provePoolOf2(run)`
 * gets a runner and must succeed exactly when that runner schedules tasks of
 * 100, 300, 200 and 100 ms as a pool of 2 workers does, and fail otherwise.
 * Use `poolwise/testing`: `predictTimeline` runs in virtual time and records
 * each task (`probe.task(sleepFor)` is a task that sleeps its item);
 * `assertStarts`, `assertMakespan` and `assertPeakInFlight` fail with a
 * `ScheduleMismatch` when the schedule differs.
 *
 * TODO: write `provePoolOf2`. The check runs it on a pool of 2 (it must pass)
 * and on chunks, a pool of 3 and one-at-a-time runners (it must fail).
 *
 * ---
 * 연습 8 · 구현 · 3장, 기다리지 않고 시간 테스트하기 (docs/ko/03-testing-time.md)
 *
 * 지금까지는 검사를 대신 써 주었습니다. 이제 직접 씁니다. `provePoolOf2(run)`은
 * 러너를 받아서, 그 러너가 100, 300, 200, 100 ms짜리 태스크를 워커 2개의 풀과
 * 똑같이 스케줄할 때에만 성공하고, 아니면 실패해야 합니다. `poolwise/testing`을
 * 쓰세요. `predictTimeline`은 가상 시간에서 돌며 태스크마다 기록하고
 * (`probe.task(sleepFor)`는 아이템만큼 잠드는 태스크), `assertStarts`,
 * `assertMakespan`, `assertPeakInFlight`는 스케줄이 다르면 `ScheduleMismatch`로
 * 실패합니다.
 *
 * TODO: `provePoolOf2`를 작성하세요. 검사는 워커 2개의 풀로 돌려 보고(통과해야
 * 함), 청크, 워커 3개의 풀, 하나씩 도는 러너로 돌려 봅니다(실패해야 함).
 */
import type { Effect } from "effect"
import { todo } from "./todo.ts"

/** A runner: runs `task` over `items`, in some schedule. · 러너: `items`에 `task`를 어떤 스케줄로 돌림 */
export type Runner = (
  items: ReadonlyArray<number>,
  task: (ms: number, index: number) => Effect.Effect<number>,
) => Effect.Effect<ReadonlyArray<number>>

export const provePoolOf2 = (run: Runner): Effect.Effect<void, unknown> => todo(run)
