/**
 * The pooled engine when a start needs more than a free slot: a limit that
 * moves (live or adaptive) or a rate. Workers wait for admission *before*
 * they take an item, so the item a worker runs is the next one in input order
 * at the moment it may start, and a run halted meanwhile starts nothing more.
 *
 * Workers are hired as they are needed, never more than the limit plus one
 * (the one waiting at the head of the line): a worker admitted with an item
 * hires the next before it starts its task, so raising the limit starts as
 * many items at once as the new limit allows, and lowering it leaves the
 * extra workers waiting in line, holding no item. Per item: one admission
 * (O(1), src/internal/limits/liveLimit.ts) and one task; no fiber per item.
 *
 * @internal
 */
import { Cause, Effect } from "effect"
import type { Task } from "../../strategies/Runner.ts"
import type { Admission } from "./admission.ts"
import { makeCrew } from "./crew.ts"
import type { Engine } from "./itemEngines.ts"
import type { TaskNotRun } from "./errors.ts"
import { End, type RunState, type Source } from "./source.ts"

/** Runs the input with each start admitted by a fresh {@link Admission} from `admission`. */
export const admittedEngine = (admission: Effect.Effect<Admission>): Engine =>
<A, B, E, R>(
  source: Source<A>,
  task: Task<A, B, E, R>,
  run: RunState<A>,
): Effect.Effect<void, E | TaskNotRun, R> =>
  Effect.scoped(Effect.gen(function* () {
    const gate = yield* admission
    const crew = yield* makeCrew<E | TaskNotRun>()
    let exhausted = false

    /** Runs a taken item at its start time, unless the run was halted while it waited for it. */
    const start = (item: A, index: number): Effect.Effect<boolean, E, R> =>
      gate.token(Effect.suspend(() => {
        // Halted while it waited: left as "stopped", as an item never taken.
        if (run.halted) return Effect.succeed(false)
        const hire = crew.size < gate.workers() ? crew.hire(member) : Effect.void
        return hire.pipe(
          Effect.zipRight(gate.measure(task(item, index))),
          Effect.map((value) => {
            run.results[index] = value
            return true
          }),
          Effect.onError((cause) =>
            Effect.sync(() => {
              run.halted = true
              if (Cause.isInterruptedOnly(cause)) run.cutOff.set(index, item)
            })
          ),
        )
      }))

    /** One admitted turn: take the next item and run it; false when there is none to take (or the run halted). */
    const turn: Effect.Effect<boolean, E | TaskNotRun, R> = gate.permit(
      Effect.suspend((): Effect.Effect<boolean, E | TaskNotRun, R> => {
        if (run.halted || exhausted) return Effect.succeed(false)
        const item = source.take()
        if (item === End) {
          exhausted = true
          // Fail-fast: an input that threw fails the run at once.
          return run.failFast && source.failure !== undefined ? Effect.fail(source.failure) : Effect.succeed(false)
        }
        return start(item, source.taken - 1)
      }),
    )

    const member: Effect.Effect<void, E | TaskNotRun, R> = Effect.suspend(() => {
      let more = true
      return Effect.whileLoop({ while: () => more, body: () => turn, step: (next) => (more = next) })
    })

    yield* crew.hire(member)
    yield* crew.done
    if (run.failFast && source.failure !== undefined) return yield* Effect.fail(source.failure)
  }))
