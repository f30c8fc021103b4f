/**
 * The errors a run reports about its items, defined once here and re-exported
 * with their documentation by the public faces (`Settled.ts`, `timeout.ts`).
 *
 * @internal
 */
import { Data, Duration } from "effect"

/** Why an item did not run to its end (see the public `NotRunReason`). */
export type NotRunReason = "stopped" | "interrupted" | "input failed"

/** Item `index` did not run to its end, for `reason` (see the public `TaskNotRun`). */
export class TaskNotRun extends Data.TaggedError("TaskNotRun")<{
  readonly index: number
  readonly reason: NotRunReason
  /** The item, when it was read from the input. */
  readonly item?: unknown
  /** What the input threw, for `"input failed"`. */
  readonly cause?: unknown
}> {
  override get message(): string {
    return this.reason === "input failed"
      ? `Item ${this.index} could not be read: the input threw ${String(this.cause)}`
      : this.reason === "interrupted"
      ? `Item ${this.index} was interrupted: the run was stopped while it ran`
      : `Item ${this.index} was not run: the run was stopped before it started`
  }
}

/** Item `index` did not finish within `timeout` (see the public `TaskTimeoutError`). */
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
