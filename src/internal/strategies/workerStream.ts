/**
 * The pooled crew over a stream: the input is pulled one chunk at a time (one
 * worker pulls while the others wait for it), so memory stays flat however
 * long the stream is.
 *
 * @since 0.1.0
 */
import { Cause, Chunk, Deferred, Effect, FiberId, Mailbox, Option, Stream } from "effect"
import { makeGate } from "../gate.ts"
import type { Admission } from "./admission.ts"
import { makeCrew } from "./crew.ts"

/** How a stream run emits its results. */
export interface WorkerStreamOptions {
  /** Emit results in input order (default: as each task ends). */
  readonly ordered?: boolean | undefined
  /**
   * A limit that moves or a rate (admission.ts): each worker waits to be
   * admitted before it takes an item (or pulls), and `limit` only sizes the
   * buffer of finished results.
   */
  readonly admission?: Effect.Effect<Admission> | undefined
  /**
   * For the kit's own engine only (never a public option): the tasks run for
   * their effects, no result goes through the buffer, and the output only
   * ends or fails (as completed; `ordered` is not read).
   */
  readonly discard?: boolean | undefined
  /** For the kit's own engine only: room for at least this many finished results (beside `max(limit, 16)`). */
  readonly buffer?: number | undefined
}

/**
 * Runs `task` over a stream with at most `limit` tasks in flight. Each task
 * gets its item and the item's index in the stream.
 *
 * - A worker that finishes takes the next item at once, across chunk
 *   boundaries. Workers are hired as items arrive: never more than one per
 *   item, plus one that finds the end, so any limit costs what the input does.
 * - As completed (the default), a result is emitted as soon as its task ends.
 *   In input order (`ordered: true`), a result waits for the ones before it;
 *   an item starts only while fewer than `2 × limit` items are started and
 *   not yet emitted (as p-map's `pMapIterable` backpressure), so memory stays
 *   bounded when one item is slow.
 * - A task's failure interrupts the running tasks and fails the stream.
 * - A failure of the input stream lets the tasks already running finish (their
 *   results are still emitted), then fails the stream with it.
 * - Ending the output early (or interrupting it) interrupts every worker.
 * - At most `max(limit, 16)` finished results wait for the consumer; beyond
 *   that, workers wait before taking more items.
 *
 * @since 0.1.0
 * @category dispatch
 */
export const workerStream = <A, B, E, R>(
  task: (item: A, index: number) => Effect.Effect<B, E, R>,
  limit: number,
  options?: WorkerStreamOptions,
) =>
<E2, R2>(
  items: Stream.Stream<A, E2, R2>,
): Stream.Stream<B, E | E2, R | R2> =>
  Stream.unwrapScoped(Effect.gen(function* () {
    const gate = options?.admission === undefined ? undefined : yield* options.admission
    const hireBelow = gate === undefined ? () => limit : () => gate.workers()
    const measured = gate === undefined ? task : (item: A, index: number) => gate.measure(task(item, index))
    const pull = yield* Stream.toPull(items)
    const output = yield* Mailbox.make<B, E | E2>(Math.max(limit, 16, options?.buffer ?? 0))
    // A first-come line, not Effect's Semaphore: at a chunk boundary up to `limit`
    // workers wait here, and a Semaphore would wake every one of them per release.
    const pulling = makeGate(1)
    let stopped = false
    // A worker that fails (or is interrupted) stops the others from taking more items.
    const crew = yield* makeCrew<E>(() => {
      stopped = true
    })
    const discard = options?.discard === true
    const ordered = !discard && options?.ordered === true

    let buffer: ReadonlyArray<A> = []
    let position = 0
    let taken = 0
    let ended = false
    let inputFailure: Cause.Cause<E2> | undefined

    // Only one worker pulls; the others wait, then find the new chunk.
    const refill = pulling.withPermit(Effect.suspend(() => {
      if (position < buffer.length || ended || stopped) return Effect.void
      return Effect.matchCause(pull, {
        onSuccess: (chunk) => {
          buffer = Chunk.toReadonlyArray(chunk)
          position = 0
        },
        onFailure: (cause) => {
          ended = true
          const failure = Cause.flipCauseOption(cause)
          if (Option.isSome(failure)) inputFailure = failure.value
        },
      })
    }))

    // In input order: results wait in `pending` until every earlier one is out.
    const pending = new Map<number, B>()
    let emitted = 0
    let emitting = false
    let advanced = Deferred.unsafeMake<void>(FiberId.none)
    const emitInOrder = (index: number, value: B): Effect.Effect<unknown> => {
      pending.set(index, value)
      if (emitting || index !== emitted) return Effect.void
      emitting = true
      const drain: Effect.Effect<void> = Effect.suspend(() => {
        const ready: Array<B> = []
        while (pending.has(emitted)) {
          ready.push(pending.get(emitted)!)
          pending.delete(emitted++)
        }
        if (ready.length === 0) {
          emitting = false
          return Effect.void
        }
        const opened = advanced
        advanced = Deferred.unsafeMake<void>(FiberId.none)
        return output.offerAll(ready).pipe(Effect.zipRight(Deferred.succeed(opened, undefined)), Effect.zipRight(drain))
      })
      return drain
    }
    // As completed, one function for every item: no closure per item held while its task runs.
    const offer = (value: B) => output.offer(value)
    const emitAfter = (index: number, task: Effect.Effect<B, E, R>): Effect.Effect<unknown, E, R> =>
      discard
        ? task
        : ordered
        ? Effect.flatMap(task, (value) => emitInOrder(index, value))
        : Effect.flatMap(task, offer)
    const mustWait = () => ordered && taken - emitted >= 2 * hireBelow()

    const runNext = (): Effect.Effect<unknown, E, R | R2> => {
      if (mustWait()) return Deferred.await(advanced)
      const index = taken++
      const run = emitAfter(index, measured(buffer[position++]!, index))
      // Hire a worker for the next item (or to pull it) before starting this one;
      // `hire` counts it at once, so no sibling hires past the limit.
      return crew.size < hireBelow() && (position < buffer.length || !ended)
        ? Effect.zipRight(crew.hire(worker), run)
        : run
    }
    // Admitted (a permit of a live or adaptive limit), a worker takes the next item, pulling first if the chunk
    // is spent, then waits for the item's start time (a rate): a worker that finds the input ended spends none.
    const admittedTurn = (admit: Admission): Effect.Effect<unknown, E, R | R2> => {
      const takeAndStart = (): Effect.Effect<unknown, E, R | R2> => {
        if (stopped || position >= buffer.length) return Effect.void
        if (mustWait()) return Deferred.await(advanced)
        const index = taken++
        const item = buffer[position++]!
        const run = admit.token(Effect.suspend(() => stopped ? Effect.void : emitAfter(index, measured(item, index))))
        return crew.size < hireBelow() && (position < buffer.length || !ended)
          ? Effect.zipRight(crew.hire(worker), run)
          : run
      }
      return admit.permit(
        Effect.suspend(() =>
          position < buffer.length ? takeAndStart() : Effect.zipRight(refill, Effect.suspend(takeAndStart))
        ),
      )
    }
    const worker = Effect.whileLoop<unknown, E, R | R2>({
      while: () => !stopped && (position < buffer.length || !ended),
      body: gate === undefined ? () => position < buffer.length ? runNext() : refill : () => admittedTurn(gate),
      step: () => {},
    })
    yield* Effect.suspend(() => crew.hire(worker)).pipe(
      Effect.zipRight(crew.done),
      Effect.matchCauseEffect({
        onSuccess: () => inputFailure === undefined ? output.end : output.failCause(inputFailure),
        onFailure: (cause) => output.failCause(cause),
      }),
      Effect.forkScoped,
    )
    return Mailbox.toStream(output)
  }))
