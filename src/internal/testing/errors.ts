/**
 * The failures of `poolwise/testing`, defined once here and re-exported with
 * their documentation by the public faces.
 *
 * @internal
 */
import { Data } from "effect"

/** The effect was still running when the virtual clock reached the horizon. */
export class VirtualTimeExceeded extends Data.TaggedError("VirtualTimeExceeded")<{ readonly horizonMs: number }> {
  override get message(): string {
    return `Still running after ${this.horizonMs} ms of virtual time (the horizon): ` +
      `the effect may never end, or it needs a larger \`horizon\``
  }
}

const show = (value: unknown): string => typeof value === "string" ? value : JSON.stringify(value)

/** A schedule differed from the one expected. */
export class ScheduleMismatch extends Data.TaggedError("ScheduleMismatch")<{
  /** What was checked: "makespan", "peak in flight", "starts by index", … */
  readonly check: string
  readonly expected: unknown
  readonly actual: unknown
  /** The schedule as a text Gantt chart, when there is one. */
  readonly chart?: string | undefined
}> {
  override get message(): string {
    const line = `${this.check}: expected ${show(this.expected)}, got ${show(this.actual)}`
    return this.chart === undefined ? line : `${line}\n${this.chart}`
  }
}

export { show }
