/**
 * The CLI's `--rate` text and the library's `{ limit, interval, burst? }`,
 * read by one rule that refuses bad input with the kit's one message shape.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Either } from "effect"
import { formatRate, rateRule } from "../../../src/internal/limits/rateText.ts"

const read = (value: unknown) => rateRule("rate", value)

describe("reading a rate", () => {
  it.each([
    ["50/s", 50, 1_000],
    ["600/min", 600, 60_000],
    ["1000/h", 1_000, 3_600_000],
    ["5/10s", 5, 10_000],
    ["2/500ms", 2, 500],
    [" 50 / second ", 50, 1_000],
    ["3/Minutes", 3, 60_000],
  ])("%j is %d starts per %d ms, evenly spaced (burst 1)", (text, limit, ms) => {
    const spec = Either.getOrThrow(read(text))
    expect(spec.limit).toBe(limit)
    expect(Duration.toMillis(spec.interval)).toBe(ms)
    expect(spec.burst).toBe(1)
  })

  it("the object form takes a Duration input and a burst up to the limit", () => {
    const spec = Either.getOrThrow(read({ limit: 10, interval: "2 seconds", burst: 10 }))
    expect([spec.limit, Duration.toMillis(spec.interval), spec.burst]).toEqual([10, 2_000, 10])
  })

  it.each([
    ["0/s"],
    ["-1/s"],
    ["1.5/s"],
    ["abc"],
    ["50"],
    ["50/"],
    ["50/0s"],
    ["50/fortnight"],
    ["50/m"],
    [""],
  ])("%j is refused, naming the option and quoting the text", (text) => {
    const refused = Either.getLeft(read(text))
    expect(refused._tag).toBe("Some")
    expect(Either.flip(read(text)).pipe(Either.getOrThrow).message).toBe(
      `Invalid option "rate": expected a rate such as "50/s" or "600/min" (a whole number ≥ 1 per ms, s, min or h, ` +
        `e.g. "5/10s"), got ${JSON.stringify(text)}`,
    )
  })

  it.each([
    [{ limit: 0, interval: "1 second" }, `Invalid option "rate.limit": expected a whole number ≥ 1, got 0`],
    [{ limit: 5, interval: 0 }, `Invalid option "rate.interval": expected a finite duration > 0, got 0`],
    [
      { limit: 5, interval: -1 },
      `Invalid option "rate.interval": expected a finite duration ≥ 0 (milliseconds, or a string such as "5 seconds"), got -1`,
    ],
    [
      { limit: 5, interval: "1 second", burst: 6 },
      `Invalid option "rate.burst": expected a whole number from 1 to 5, got 6`,
    ],
    [
      42,
      `Invalid option "rate": expected a rate such as "50/s" or "600/min" (a whole number ≥ 1 per ms, s, min or h, e.g. "5/10s"), or { limit, interval, burst? }, got 42`,
    ],
  ])("%j is refused: %s", (value, message) => {
    expect(Either.flip(read(value)).pipe(Either.getOrThrow).message).toBe(message)
  })

  it("reads back as it is written", () => {
    expect(["50/s", "600/min", "5/10s", "2/500ms", "1000/h"].map((t) => formatRate(Either.getOrThrow(read(t)))))
      .toEqual(["50/s", "600/min", "5/10s", "2/500ms", "1000/h"])
    expect(formatRate(Either.getOrThrow(read({ limit: 10, interval: "1 second", burst: 4 })))).toBe("10/s (burst 4)")
  })
})
