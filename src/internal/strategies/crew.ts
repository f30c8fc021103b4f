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
 * @internal
 */
import { Deferred, Effect, Exit, Runtime, type Scope } from "effect"

export interface Crew<E> {
  /** Workers hired and not yet ended. */
  readonly size: number
  /**
   * Counts the worker at once (so a sibling deciding whether to hire sees it)
   * and returns the effect that forks it into the crew's scope.
   */
  hire<R>(worker: Effect.Effect<void, E, R>): Effect.Effect<void, never, R>
  /** Succeeds once every worker hired has ended, or fails with the first worker's failure. */
  readonly done: Effect.Effect<void, E>
}

/** A crew whose workers are interrupted when the scope closes. */
export const makeCrew = <E>(): Effect.Effect<Crew<E>, never, Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const finished = yield* Deferred.make<void, E>()
    // This fiber's context, FiberRefs and flags: every worker starts from them.
    const runtime = yield* Effect.runtime<never>()
    let size = 0
    const onExit = (exit: Exit.Exit<void, E>) =>
      Exit.isFailure(exit)
        ? Deferred.failCause(finished, exit.cause)
        : --size === 0
        ? Deferred.done(finished, Exit.void)
        : Effect.void
    return {
      get size() {
        return size
      },
      hire: <R>(worker: Effect.Effect<void, E, R>) => {
        size++
        // Started on the scheduler, as `forkIn` would (not inside the hiring worker's
        // run loop), and interrupted when the scope closes.
        return Effect.sync(() => {
          Runtime.runFork(runtime as Runtime.Runtime<R>, Effect.onExit(worker, onExit), { scope, immediate: false })
        })
      },
      done: Deferred.await(finished),
    }
  })
