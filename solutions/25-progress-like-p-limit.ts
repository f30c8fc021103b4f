/**
 * Exercise 25, a solution. The run goes on in a fiber of its own while this
 * one waits `atMs`, reads the snapshot, and stops the run.
 *
 * 연습 25의 풀이. 실행은 자기 fiber에서 계속되고, 이쪽은 `atMs`를 기다렸다가
 * 스냅숏을 읽고 실행을 멈춥니다.
 */
import { Effect, Fiber } from "effect"
import { type InvalidOptionError, makeProgress, pooled } from "poolwise"

export interface Counts {
  readonly active: number
  readonly pending: number
  readonly done: number
}

export const countsAt = (
  items: ReadonlyArray<number>,
  task: (item: number, index: number) => Effect.Effect<number>,
  limit: number,
  atMs: number,
): Effect.Effect<Counts, InvalidOptionError> =>
  Effect.gen(function* () {
    const progress = yield* makeProgress(items.length)
    const run = yield* Effect.fork(pooled(items, progress.track(task), { concurrency: limit }))
    yield* Effect.sleep(atMs)
    const now = yield* progress.snapshot
    yield* Fiber.interrupt(run)
    return { active: now.inFlight, pending: now.total - now.started, done: now.finished }
  })
