/**
 * Callers that all ask at once: the blog's workload, every lookup in its own
 * fiber at t=0 (an unbounded run), each noting when it asked before it goes
 * through `guarded`, the thing that makes it wait (a semaphore, a pool).
 */
import { Clock, Effect } from "effect"
import { blogWorkload, type Lookup } from "poolwise/fixtures"

export const allAskingAtOnce = <B, E>(
  asked: Array<number>,
  guarded: (item: Lookup, index: number) => Effect.Effect<B, E>,
): Effect.Effect<Array<B>, E> =>
  Effect.forEach(
    blogWorkload,
    (item, index) =>
      Clock.currentTimeMillis.pipe(
        Effect.tap((now) => asked.push(now)),
        Effect.zipRight(guarded(item, index)),
      ),
    { concurrency: "unbounded" },
  )
