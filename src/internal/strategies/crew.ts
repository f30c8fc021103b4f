/**
 * Workers hired one at a time, as the work asks for them, into one scope.
 *
 * A crew of a fixed size (`Effect.forEach` over `limit` workers) costs `limit`
 * fibers whatever the input: 2^32 of them do not fit in memory. A crew that
 * hires a worker only when there is an item for it costs `min(limit, n)`.
 *
 * Every worker is forked from the runtime of the fiber that made the crew,
 * whoever hires it. A fiber forked by a fiber copies each `FiberRef` stack
 * one entry deeper, so when each worker forked the next, worker k carried
 * k-deep stacks: at a limit of 1,000, a million entries and a quadratic
 * time to hire the crew. Forked from one runtime, each worker costs the same.
 *
 * A worker costs its fiber and one observer: it is counted out by the
 * observer as it ends, and the crew's one finaliser interrupts the workers
 * still running when the scope closes. (Forked into the scope, each worker
 * had a scope of its own and two finalising frames under everything it ran,
 * kept for its whole life: at a limit of 1,000, a thousand of each.)
 *
 * @internal
 */
import { Deferred, Effect, Exit, Fiber, Runtime, type Scope } from "effect"

export interface Crew<E> {
  /** Workers hired and not yet ended. */
  readonly size: number
  /**
   * Counts the worker at once (so a sibling deciding whether to hire sees it)
   * and returns the effect that forks it into the crew.
   */
  hire<R>(worker: Effect.Effect<void, E, R>): Effect.Effect<void, never, R>
  /** Succeeds once every worker hired has ended, or fails with the first worker's failure. */
  readonly done: Effect.Effect<void, E>
}

/**
 * A crew whose workers are interrupted when the scope closes. `onFailure`, if
 * given, is told synchronously as a worker ends in failure (or interrupted),
 * before `done` fails.
 */
export const makeCrew = <E>(onFailure?: () => void): Effect.Effect<Crew<E>, never, Scope.Scope> =>
  Effect.gen(function* () {
    const finished = yield* Deferred.make<void, E>()
    // This fiber's context, FiberRefs and flags: every worker starts from them.
    const runtime = yield* Effect.runtime<never>()
    const running = new Set<Fiber.RuntimeFiber<void, E>>()
    let size = 0
    let closed = false
    yield* Effect.addFinalizer(() =>
      Effect.suspend(() => {
        closed = true
        return Fiber.interruptAll(Array.from(running))
      })
    )
    const ended = (exit: Exit.Exit<void, E>) => {
      if (Exit.isFailure(exit)) {
        onFailure?.()
        Deferred.unsafeDone(finished, exit)
      } else if (--size === 0) {
        Deferred.unsafeDone(finished, Exit.void)
      }
    }
    return {
      get size() {
        return size
      },
      hire: <R>(worker: Effect.Effect<void, E, R>) => {
        size++
        // Started on the scheduler, as `forkIn` would (not inside the hiring worker's run loop).
        return Effect.sync(() => {
          const fiber = Runtime.runFork(runtime as Runtime.Runtime<R>, worker, { immediate: false })
          // Hired after the scope closed: interrupted before it starts.
          if (closed) fiber.unsafeInterruptAsFork(fiber.id())
          else running.add(fiber)
          fiber.addObserver((exit) => {
            running.delete(fiber)
            ended(exit)
          })
        })
      },
      done: Deferred.await(finished),
    }
  })
