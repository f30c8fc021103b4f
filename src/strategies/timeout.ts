/**
 * A time limit per task, as a typed failure that names the item.
 *
 * It wraps a task rather than being a runner option, so it composes with every
 * strategy, error mode and recorder the same way.
 *
 * @since 0.1.0
 */
import { Data, Duration, Effect, Either } from "effect"
import { dual } from "effect/Function"
import { finiteDuration, type InvalidOptionError } from "./InvalidOptionError.ts"
import type { Task } from "./Strategy.ts"

/**
 * Item `index` did not finish within `timeout`. Its task was interrupted.
 *
 * @since 0.1.0
 * @category errors
 */
export class TaskTimeoutError extends Data.TaggedError("TaskTimeoutError")<{
  readonly index: number
  readonly item: unknown
  readonly timeout: Duration.Duration
}> {
  override get message(): string {
    return `Task ${this.index} (${describeItem(this.item)}) timed out after ${Duration.format(this.timeout)}`
  }
}

const describeItem = (item: unknown): string => {
  try {
    return typeof item === "string" ? item : JSON.stringify(item) ?? String(item)
  } catch {
    return String(item)
  }
}

/**
 * The same task, failing with {@link TaskTimeoutError} when one item takes
 * longer than `timeout`: the item's effect is interrupted at that moment, and
 * the failure arrives once the interruption is done. A task that cannot be
 * interrupted (`Effect.uninterruptible`, a region that masks interruption)
 * therefore fails only when it ends.
 *
 * A negative, `NaN`, infinite or unreadable `timeout` is refused: every item
 * fails with {@link InvalidOptionError} (a typed failure, never a throw) and
 * the task is not run.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { pooled, withTaskTimeout } from "poolwise"
 *
 * const fetchAll = pooled(
 *   [100, 5_000, 200],
 *   withTaskTimeout((ms: number) => Effect.sleep(ms), "1 second"),
 *   { concurrency: 2, mode: "collect" }
 * )
 * // settled.errors: [{ index: 1, item: 5000, error: TaskTimeoutError }]
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const withTaskTimeout: {
  (
    timeout: Duration.DurationInput,
  ): <A, B, E, R>(task: Task<A, B, E, R>) => Task<A, B, E | TaskTimeoutError | InvalidOptionError, R>
  <A, B, E, R>(
    task: Task<A, B, E, R>,
    timeout: Duration.DurationInput,
  ): Task<A, B, E | TaskTimeoutError | InvalidOptionError, R>
} = dual(
  2,
  <A, B, E, R>(
    task: Task<A, B, E, R>,
    timeout: Duration.DurationInput,
  ): Task<A, B, E | TaskTimeoutError | InvalidOptionError, R> => {
    const checked = finiteDuration("timeout", timeout)
    if (Either.isLeft(checked)) return () => Effect.fail(checked.left)
    const limit = checked.right
    return (item, index) =>
      Effect.timeoutFail(task(item, index), {
        duration: limit,
        onTimeout: () => new TaskTimeoutError({ index, item, timeout: limit }),
      })
  },
)
