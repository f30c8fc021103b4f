/**
 * A time limit per task, as a typed failure naming the item. The limit is
 * checked when the task is made; a bad one travels with the task as its check,
 * so a runner refuses the whole run before any item starts.
 *
 * @internal
 */
import { type Duration, Effect, Either } from "effect"
import { dual } from "effect/Function"
import type { Task } from "../../strategies/Runner.ts"
import { finiteDuration, type InvalidOptionError } from "../options/rules.ts"
import { TaskTimeoutError } from "./errors.ts"
import { carryCheck, withCheck } from "./taskCheck.ts"

const limited = <A, B, E, R>(
  task: Task<A, B, E, R>,
  timeout: Duration.DurationInput,
): Task<A, B, E | TaskTimeoutError | InvalidOptionError, R> => {
  const checked = finiteDuration("timeout", timeout)
  if (Either.isLeft(checked)) {
    const refusal = Effect.fail(checked.left)
    return withCheck(() => refusal, refusal)
  }
  const limit = checked.right
  return carryCheck(task, (item: A, index: number) =>
    Effect.timeoutFail(task(item, index), {
      duration: limit,
      onTimeout: () => new TaskTimeoutError({ index, item, timeout: limit }),
    }))
}

export const withTaskTimeout: {
  (
    timeout: Duration.DurationInput,
  ): <A, B, E, R>(task: Task<A, B, E, R>) => Task<A, B, E | TaskTimeoutError | InvalidOptionError, R>
  <A, B, E, R>(
    task: Task<A, B, E, R>,
    timeout: Duration.DurationInput,
  ): Task<A, B, E | TaskTimeoutError | InvalidOptionError, R>
} = dual(2, limited)
