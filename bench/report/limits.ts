/** Section 11: finding N (bench/limits.ts). */
import { at, fmt, skipped, table } from "./format.ts"

export const renderLimits = (r: unknown): Array<string> => {
  const l = at(r, "limits")
  const a = at(l, "adaptive")
  const rate = (clock: string) => {
    const x = at(l, "rate", clock)
    return [
      clock === "virtual" ? "virtual time (TestClock)" : "live clock",
      fmt(at(x, "starts")),
      fmt(at(x, "spanMs")),
      fmt(at(x, "meanPerSecond")),
      fmt(at(x, "worstWindow")),
    ]
  }
  const job = (clock: string) => {
    const x = at(l, "job", clock)
    return [
      clock === "virtual" ? "virtual time (TestClock)" : "live clock",
      fmt(at(x, "rounds")),
      fmt(at(x, "autoMs")),
      fmt(at(x, "best", "medianMs")),
      fmt(at(x, "best", "concurrency")),
      fmt(at(x, "ratio"), 3),
      fmt(at(x, "autoFailed")),
    ]
  }
  return [
    `\n## 11. Finding N: ${fmt(at(l, "tasks"))} calls to a service of C = ${fmt(at(l, "capacity"))} (chapter 10)`,
    skipped(l) ?? [
      table(["", "makespan ms", "limit", "refusals"], [
        ["best fixed limit (sweep 1..80)", fmt(at(l, "best", "makespan")), fmt(at(l, "best", "limit")), "–"],
        [
          `adaptive from 1 (${fmt(at(a, "ratio"), 3)}× the best)`,
          fmt(at(a, "makespanMs")),
          `settled at ${fmt(at(a, "settledLimit"))} (by ${fmt(at(a, "settledAtMs"))} ms)`,
          `${fmt(at(a, "refusals"))} (${fmt(at(a, "refusalsAfterSettling"))} after settling)`,
        ],
      ]),
      "",
      "Rate limit at 1,000/s through `pooled` (100 slots): starts in the worst 1 s window (at most 1,000)",
      "",
      table(["clock", "starts", "span ms", "mean per s", "worst 1 s window"], [rate("virtual"), rate("live")]),
      "",
      "The job, `sync --concurrency auto` against fixed `--concurrency` (2,000 products, supplier ~20 ms ± 50 %, " +
      "capacity 20, pool 5): medians of interleaved rounds; the retries' backoff is jittered at random, so even " +
      "virtual time varies from run to run",
      "",
      table([
        "clock",
        "rounds",
        "auto ms",
        "best fixed ms",
        "best fixed N",
        "ratio (target ≤ 1.2)",
        "auto: products failed",
      ], [
        job("virtual"),
        job("live"),
      ]),
    ].join("\n"),
  ]
}
