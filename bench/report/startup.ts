/** Section 10: the built CLI's start times (bench/startup.ts). */
import { at, fmt, skipped, table } from "./format.ts"

const commands = ["--help", "demo", "sync --help", "runner --help"]

export const renderStartup = (r: unknown): ReadonlyArray<string> => {
  const s = at(r, "startup")
  const out = ["\n## 10. CLI start times: the built CLI (dist/cli), a new process each time (median)"]
  const reason = skipped(s)
  if (reason !== undefined) return [...out, reason]
  const row = (label: string, run: unknown) => [
    label,
    `${fmt(at(run, "firstOutputMs"))} ms (${fmt(at(run, "firstOutputMsRange", 0))}–${
      fmt(at(run, "firstOutputMsRange", 1))
    })`,
    `${fmt(at(run, "exitMs"))} ms`,
    `${fmt(at(run, "peakRssMb"))} MB`,
  ]
  out.push(
    table(["command", "first output (min–max)", "exit", "peak RSS"], [
      ...commands.map((command) => row(`\`poolwise ${command}\``, at(s, "built", command))),
      row("`npm start -- --help` (the sources through tsx)", at(s, "fromSourceHelp")),
    ]),
    `\n${fmt(at(s, "runs"))} runs each after one not counted; load average ${fmt(at(s, "loadAverageAtStart"))} at ` +
      `the start. Bundle: main.js ${fmt(at(s, "bundle", "entryKb"))} kB, ${fmt(at(s, "bundle", "chunks"))} chunks, ` +
      `${fmt(at(s, "bundle", "totalKb"))} kB in all. Goal: the first output under ${fmt(at(s, "goal", "ms"))} ms ` +
      `and ${fmt(at(s, "goal", "rssMb"))} MB (reported, not judged; a busy machine makes every figure larger). ` +
      "`demo`'s exit includes its live run of about a second.",
  )
  return out
}
