/** The one place the renderers refuse a timeline too large to draw. */
import { maxRenderedSpans, TimelineTooLargeError } from "../../timeline/Timeline.ts"

/** Throws {@link TimelineTooLargeError} when `spans` is over {@link maxRenderedSpans}. */
export const refuseTooLarge = (renderer: TimelineTooLargeError["renderer"], spans: number): void => {
  if (spans > maxRenderedSpans) throw new TimelineTooLargeError({ renderer, spans, limit: maxRenderedSpans })
}
