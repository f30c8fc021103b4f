/** Section 7: Effect's tools at scale (bench/tools.ts). */
import { at, fmt, skipped, table } from "./format.ts"

const toolLabels: Record<string, string> = {
  pooled: "kit `pooled` (concurrency 20)",
  forEach: "`Effect.forEach` (concurrency 20)",
  streamUnordered: "`Stream.mapEffect` (concurrency 20, unordered)",
  streamOrdered: "`Stream.mapEffect` (concurrency 20, ordered)",
  chunked: "`Effect.forEach` over chunks of 20",
  semaphore: "`Semaphore(20)` around an unbounded `Effect.forEach`",
  pool: "`Pool` of 20 around an unbounded `Effect.forEach`",
}

/** Section 7 as markdown, its heading included. */
export const renderTools = (t: unknown): string => {
  const sizes = (at(t, "sizes") as ReadonlyArray<unknown> | undefined) ?? []
  const heading = `\n## 7. Effect's tools at scale: tasks of ${at(t, "taskMs")} ms, limit ${at(t, "limit")} ` +
    `(median ms, × the ideal n / limit × task)`
  return [
    heading,
    skipped(t) ??
      table(
        ["tool", ...sizes.map((size) => `${fmt(at(size, "tasks"))} tasks (ideal ${fmt(at(size, "idealMs"))} ms)`)],
        Object.keys(toolLabels).map((name) => [
          toolLabels[name]!,
          ...sizes.map((size) => `${fmt(at(size, "ms", name))} (× ${fmt(at(size, "overIdeal", name))})`),
        ]),
      ),
  ].join("\n")
}

/** The site's playground (bench/playground.ts) as markdown, its heading included. */
export const renderPlayground = (p: unknown): string => {
  const rows = (key: string) => (at(p, key) as ReadonlyArray<unknown> | undefined) ?? []
  return [
    `\n## The site's playground: one recompute per edit, limit ${at(p, "limit")} (median ms, Node)`,
    skipped(p) ?? [
      table(
        ["tasks", "recompute (both runs under TestClock, both pictures)", "CPU"],
        rows("recompute").map((row) => [fmt(at(row, "tasks")), fmt(at(row, "ms"), 1), fmt(at(row, "cpuMs"), 1)]),
      ),
      "",
      table(
        ["tasks", "the kit's part (both runs, no picture), limit 10", "CPU", "CPU µs per task"],
        rows("scaling").map((row) => [
          fmt(at(row, "tasks")),
          fmt(at(row, "ms"), 1),
          fmt(at(row, "cpuMs"), 1),
          fmt(at(row, "cpuUsPerTask"), 1),
        ]),
      ),
    ].join("\n"),
  ].join("\n")
}
