/**
 * The sync engine's own ways to run a strategy over a stream, for a strategy
 * the kit built (its plan remembered here as it is made, makeRunner.ts):
 *
 * - `drainOver` runs the tasks for their effects only: no result per item goes
 *   through the worker stream's buffer, so no second fiber is woken per item
 *   to read it back (issue 22);
 * - `streamOver` asks for room for at least `buffer` finished results, so a
 *   stage that gathers them (a bulk batch) does not hold every task back.
 *
 * A strategy built elsewhere (any value with the `Strategy` face) runs through
 * its own `run`, with `ordered: false`, and is drained. Neither takes stops
 * (`haltWhen`, `interruptWhen`): the engine stops by interrupting. Nothing
 * here is exported from an entry.
 *
 * @internal
 */
import { type Effect, Stream } from "effect"
import type { Strategy } from "../../strategies/Strategy.ts"
import type { Plan } from "./plans.ts"

const plans = new WeakMap<Strategy, Plan>()

/** `strategy`, with the plan it was made from remembered. */
export const remember = (strategy: Strategy, plan: Plan): Strategy => {
  plans.set(strategy, plan)
  return strategy
}

type StreamRun = <A, B, E, R, E2, R2>(
  items: Stream.Stream<A, E2, R2>,
  task: (item: A, index: number) => Effect.Effect<B, E, R>,
  options: { readonly ordered: false },
) => Stream.Stream<B, unknown, R | R2>

/** Runs `task` over `items` under `strategy` for its effects alone; fails as the run fails. */
export const drainOver = <A, E, R, E2, R2>(
  strategy: Strategy,
  items: Stream.Stream<A, E2, R2>,
  task: (item: A, index: number) => Effect.Effect<unknown, E, R>,
): Effect.Effect<void, unknown, R | R2> => {
  const plan = plans.get(strategy)
  return Stream.runDrain(
    plan === undefined
      ? (strategy.run as StreamRun)(items, task, { ordered: false })
      : plan.stream(task, false, { discard: true })(items),
  )
}

/** `task`'s results over `items` as each ends, with room for at least `buffer` of them waiting. */
export const streamOver = <A, B, E, R, E2, R2>(
  strategy: Strategy,
  items: Stream.Stream<A, E2, R2>,
  task: (item: A, index: number) => Effect.Effect<B, E, R>,
  buffer: number,
): Stream.Stream<B, unknown, R | R2> => {
  const plan = plans.get(strategy)
  return plan === undefined
    ? (strategy.run as StreamRun)(items, task, { ordered: false })
    : plan.stream(task, false, { buffer })(items)
}
