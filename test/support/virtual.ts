/**
 * Helpers for running schedules in virtual time.
 */
import { Duration, Effect, Fiber, TestClock } from "effect"
import type { Task, Timeline } from "poolwise"
import { withTimeline } from "poolwise"

/** A task that sleeps its own duration (ms) on Effect's Clock and returns it. */
export const sleepFor: Task<number, number, never, never> = (ms) => Effect.as(Effect.sleep(Duration.millis(ms)), ms)

/**
 * Forks `effect`, moves the TestClock far enough for every sleep to fire, and
 * joins. The exact finish time is read from the recorded timeline, not from
 * how far the clock was moved.
 */
export const inVirtualTime = <A, E, R>(effect: Effect.Effect<A, E, R>, horizon: Duration.DurationInput = "1 day") =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(horizon)
    return yield* Fiber.join(fiber)
  })

/** Runs `run` over recorded `sleepFor` tasks in virtual time: `[results, timeline]`. */
export const recordSleeps = <Out, E>(
  run: (task: Task<number, number, never, never>) => Effect.Effect<Out, E>,
): Effect.Effect<readonly [Out, Timeline], E> => inVirtualTime(withTimeline(sleepFor, run))

/** Greedy list scheduling: each task, in input order, starts on the earliest free slot. */
export const greedyStarts = (durations: ReadonlyArray<number>, limit: number): Array<number> => {
  const freeAt = Array.from({ length: Math.min(limit, durations.length) }, () => 0)
  return durations.map((duration) => {
    const slot = freeAt.indexOf(Math.min(...freeAt))
    const start = freeAt[slot]!
    freeAt[slot] = start + duration
    return start
  })
}

/** Makespan of a schedule given start times and durations. */
export const makespanOf = (starts: ReadonlyArray<number>, durations: ReadonlyArray<number>): number =>
  Math.max(0, ...starts.map((start, i) => start + durations[i]!))

/** Chunked model: chunk k starts when chunk k-1's longest task ends. */
export const chunkedStarts = (durations: ReadonlyArray<number>, chunkSize: number): Array<number> => {
  const starts: Array<number> = []
  let chunkStart = 0
  for (let i = 0; i < durations.length; i += chunkSize) {
    const chunk = durations.slice(i, i + chunkSize)
    chunk.forEach(() => starts.push(chunkStart))
    chunkStart += Math.max(...chunk)
  }
  return starts
}
