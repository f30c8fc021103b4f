/**
 * The one constructor behind `pooled`, `chunked`, `unbounded` and every
 * strategy's `run`: validation of the input, the task and the options (before
 * anything runs), the choice of path by input (array or iterable, async
 * iterable, stream), and the dual signature, written once. A strategy only
 * supplies its {@link Plan}.
 *
 * @internal
 */
import { Effect, Predicate, Stream } from "effect"
import { dual } from "effect/Function"
import type { Runner, RunOptions, Task } from "../../strategies/Runner.ts"
import type { Strategy } from "../../strategies/Strategy.ts"
import * as rules from "../options/rules.ts"
import type { Plan } from "./plans.ts"
import { type Checked, runIterable } from "./runIterable.ts"
import { runAsyncIterable, runStream } from "./runStream.ts"
import { remember } from "./strategyStream.ts"
import { checkOf } from "./taskCheck.ts"

type AnyOptions = RunOptions<
  "fail-fast" | "collect",
  Effect.Effect<unknown, unknown, unknown> | undefined,
  Effect.Effect<unknown, unknown, unknown> | undefined
>

const isIterable = (value: unknown): value is Iterable<unknown> =>
  value != null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"

const isStream = (value: unknown): value is Stream.Stream<unknown, unknown, unknown> =>
  Predicate.hasProperty(value, Stream.StreamTypeId)

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  value != null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"

const mode = rules.optional(rules.oneOf(["fail-fast", "collect"]))
const flag = rules.optional(rules.boolean)
const signal = rules.optional(rules.effect)
const taskRule = rules.functionOf("(item, index) => Effect")

/** Checks what every run shares: the input, the task (and the check it carries), the mode, the order, the stops. */
const checkRun = (
  items: unknown,
  task: unknown,
  options: AnyOptions | undefined,
): Effect.Effect<Checked, rules.InvalidOptionError> =>
  Effect.gen(function* () {
    if (!isIterable(items) && !isAsyncIterable(items) && !isStream(items)) {
      return yield* rules.refuse("items", items, "expected an array, an Iterable, an AsyncIterable or a Stream")
    }
    yield* rules.check(taskRule, "task", task)
    yield* checkOf(task)
    const checked = {
      collect: (yield* rules.check(mode, "mode", options?.mode)) === "collect",
      ordered: (yield* rules.check(flag, "ordered", options?.ordered)) !== false,
      haltWhen: yield* rules.check(signal, "haltWhen", options?.haltWhen),
      interruptWhen: yield* rules.check(signal, "interruptWhen", options?.interruptWhen),
    }
    return checked
  })

/** Runs `task` over `items` as `plan` schedules it, once every option is checked. */
const runWith = (
  plan: Effect.Effect<Plan, rules.InvalidOptionError>,
  items: unknown,
  task: Task<unknown, unknown, unknown, unknown>,
  options: AnyOptions | undefined,
): Effect.Effect<unknown, unknown, unknown> | Stream.Stream<unknown, unknown, unknown> => {
  const ready = Effect.zip(checkRun(items, task, options), plan)
  if (isStream(items)) {
    return Stream.unwrap(Effect.map(ready, ([checked, p]) => runStream(p, items, task, checked)))
  }
  return Effect.flatMap(
    ready,
    ([checked, p]) =>
      isIterable(items)
        ? runIterable(p.engine, items, task, checked)
        : runAsyncIterable(p, items as AsyncIterable<unknown>, task, checked),
  )
}

/** Builds a {@link Runner} from the function that validates a strategy's own options into its {@link Plan}. */
export const makeRunner = <O>(planFor: (options: O) => Effect.Effect<Plan, rules.InvalidOptionError>): Runner<O> =>
  dual(
    (args) => typeof args[0] !== "function",
    (items: unknown, task: Task<unknown, unknown, unknown, unknown>, options: O & AnyOptions) =>
      runWith(Effect.suspend(() => planFor(options ?? ({} as O))), items, task, options),
  ) as Runner<O>

/** A strategy as a value: its plan, and a `run` with the runners' face (without the limit, already chosen). */
export const makeStrategy = (plan: Plan): Strategy =>
  remember({
    name: plan.name,
    // Read when asked: a live or adaptive limit moves.
    get limit() {
      return plan.limit
    },
    run: ((items: unknown, task: Task<unknown, unknown, unknown, unknown>, options?: AnyOptions) =>
      runWith(Effect.succeed(plan), items, task, options)) as Strategy["run"],
  }, plan)
