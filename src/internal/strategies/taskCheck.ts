/**
 * A task may carry a check of its own options, which the runners run before
 * any item starts: `withTaskTimeout(task, -1)` refuses the whole run with an
 * `InvalidOptionError`, in both error modes, instead of failing every item.
 *
 * The check travels with the function (a symbol-keyed property), so wrappers
 * that return a new task (`withTaskTimeout`, `progress.track`, a recorder's
 * `record`) carry the check of the task they wrap.
 *
 * @internal
 */
import { Effect } from "effect"
import type { InvalidOptionError } from "../options/rules.ts"

const TaskCheckId: unique symbol = Symbol.for("poolwise/TaskCheck")

type Checked = { readonly [TaskCheckId]?: Effect.Effect<void, InvalidOptionError> }

/** `task`, carrying `check` (after any check it already carries). */
export const withCheck = <F extends (...args: Array<never>) => unknown>(
  task: F,
  check: Effect.Effect<void, InvalidOptionError>,
): F => Object.assign(task, { [TaskCheckId]: check })

/** The check `task` carries, or nothing to check. */
export const checkOf = (task: unknown): Effect.Effect<void, InvalidOptionError> =>
  (typeof task === "function" ? (task as Checked)[TaskCheckId] : undefined) ?? Effect.void

/** `wrapper` carrying the check of the task it wraps, if any. */
export const carryCheck = <F extends (...args: Array<never>) => unknown>(wrapped: unknown, wrapper: F): F => {
  const check = typeof wrapped === "function" ? (wrapped as Checked)[TaskCheckId] : undefined
  return check === undefined ? wrapper : withCheck(wrapper, check)
}
