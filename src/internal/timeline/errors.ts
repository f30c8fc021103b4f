/**
 * The one refusal of the renderers: a timeline too large for one chart.
 *
 * @internal
 */
import { Data } from "effect"
import * as defaults from "../defaults.ts"

/** A renderer was given more spans than one chart can show (see the public face). */
export class TimelineTooLargeError extends Data.TaggedError("TimelineTooLargeError")<{
  readonly renderer: "renderGantt" | "renderSvg" | "renderSvgComparison"
  readonly spans: number
  readonly limit: number
}> {
  override get message(): string {
    const count = (n: number) => n.toLocaleString("en-US")
    return `${this.renderer} cannot draw ${count(this.spans)} spans: one chart shows at most ${count(this.limit)}. ` +
      `Draw a slice instead: sliceTimeline(timeline, 0, ${this.limit}) keeps the first ${count(this.limit)} to start.`
  }
}

/** Throws {@link TimelineTooLargeError} when `spans` is over the limit. */
export const refuseTooLarge = (renderer: TimelineTooLargeError["renderer"], spans: number): void => {
  if (spans > defaults.maxRenderedSpans) {
    throw new TimelineTooLargeError({ renderer, spans, limit: defaults.maxRenderedSpans })
  }
}
