/**
 * How a task tells its adaptive limit that it met an overload it recovered
 * from: a refusal (1040, 1226, a supplier's 429) that a retry then got past.
 * The task succeeds, so its exit says nothing; without this the limit would
 * see only the time the retries took. The limit's `measure` clears the flag
 * (a FiberRef, local to the task's fiber) before the task and reads it after.
 *
 * @internal
 */
import { type Effect, FiberRef } from "effect"

/** Whether the task running on this fiber met an overload. */
export const overloadSeen: FiberRef.FiberRef<boolean> = FiberRef.unsafeMake(false)

/** Marks the running task as having met an overload (no effect outside an adaptive limit). */
export const reportOverload: Effect.Effect<void> = FiberRef.set(overloadSeen, true)
