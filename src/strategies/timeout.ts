/**
 * A time limit per task, as a typed failure that names the item.
 *
 * It wraps a task rather than being a runner option, so it composes with every
 * strategy, error mode and recorder the same way.
 *
 * @since 0.1.0
 */
import * as errors from "../internal/strategies/errors.ts"
import * as internal from "../internal/strategies/timeout.ts"

/**
 * Item `index` did not finish within `timeout`. Its task was interrupted.
 *
 * @since 0.1.0
 * @category errors
 */
export const TaskTimeoutError: typeof errors.TaskTimeoutError = errors.TaskTimeoutError

/**
 * @since 0.1.0
 * @category errors
 */
export type TaskTimeoutError = errors.TaskTimeoutError

/**
 * The same task, failing with {@link TaskTimeoutError} when one item takes
 * longer than `timeout`: the item's effect is interrupted at that moment, and
 * the failure arrives once the interruption is done. A task that cannot be
 * interrupted (`Effect.uninterruptible`, a region that masks interruption)
 * therefore fails only when it ends.
 *
 * A negative, `NaN`, infinite or unreadable `timeout` is refused: the kit's
 * runners refuse the whole run with an `InvalidOptionError` before any item
 * starts, in both error modes. (Called by anything else, e.g. `Effect.forEach`,
 * the task fails every item with it, without running.)
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
export const withTaskTimeout: typeof internal.withTaskTimeout = internal.withTaskTimeout
