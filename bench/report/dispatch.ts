/** Section 3 and the recorder: the kit's cost per task against other runners, and the cost of recording. */
import { at, fmt, skipped, table } from "./format.ts"

/** Section 3: dispatch overhead (bench/overhead.ts). */
export const renderOverhead = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const o = at(r, "overhead")
  out.push(`\n## 3. Dispatch overhead, limit 10 (median ms; µs per task in brackets)`)
  const names = ["kit", "effectForEach", "promisePool", "pMap", "pLimit"] as const
  const labels: Record<(typeof names)[number], string> = {
    kit: "kit `pooled`",
    effectForEach: "`Effect.forEach` (concurrency 10)",
    promisePool: "@supercharge/promise-pool",
    pMap: "p-map",
    pLimit: "p-limit",
  }
  out.push(
    skipped(o) ??
      table(
        [
          "runner",
          `${fmt(at(o, "trivial", "tasks"))} trivial tasks`,
          `${fmt(at(o, "promise", "tasks"))} promise tasks`,
        ],
        names.map((name) => [
          labels[name],
          `${fmt(at(o, "trivial", "ms", name))} (${fmt(at(o, "trivial", "usPerTask", name), 3)})`,
          `${fmt(at(o, "promise", "ms", name))} (${fmt(at(o, "promise", "usPerTask", name), 3)})`,
        ]),
      ),
  )
  if (!skipped(o)) {
    out.push(
      `\nFloor: the kit with one worker (one fiber) runs the ${fmt(at(o, "promise", "oneWorker", "tasks"))} ` +
        `promise tasks in ${fmt(at(o, "promise", "oneWorker", "ms"))} ms ` +
        `(${fmt(at(o, "promise", "oneWorker", "usPerTask"), 3)} µs per task): the price of one \`Effect.promise\`.`,
    )
    out.push(
      `Promise tasks against p-map: the kit takes ${fmt(at(o, "promise", "ratioToPMap", "kit"))}× p-map's time. ` +
        `Its dispatch alone (the same 10,000 items, tasks that do not await) takes ` +
        `${
          fmt(at(o, "promise", "ratioToPMap", "kitDispatchOnly"))
        }×: the rest is Effect's price per promise (a fiber ` +
        `suspends on it and resumes through the scheduler). \`Effect.forEach\` (concurrency 10): ` +
        `${fmt(at(o, "promise", "ratioToPMap", "effectForEach"))}×.`,
    )
    const s = at(o, "stream")
    if (!skipped(s)) {
      out.push(
        `Over a stream (${fmt(at(s, "tasks"))} items): kit ${fmt(at(s, "ms", "kit"))} ms vs ` +
          `\`Stream.mapEffect\` (concurrency 10, unordered) ${fmt(at(s, "ms", "streamMapEffect"))} ms.`,
      )
    }
  }
  return out
}

/** Recording a timeline (bench/recorder.ts). */
export const renderRecorder = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const rec = at(r, "recorder")
  out.push(`\n## Recording a timeline: a recorder around \`pooled\`, concurrency ${at(rec, "concurrency")} (median ms)`)
  out.push(
    skipped(rec) ??
      table(
        [
          "tasks",
          "task",
          "unrecorded",
          "recorded",
          "read",
          "ratio (with read)",
          "CPU ratio (with read)",
          "µs per task",
        ],
        ((at(rec, "runs") as ReadonlyArray<unknown> | undefined) ?? []).map((run) => [
          fmt(at(run, "tasks")),
          at(run, "kind") === "promise" ? "promise (resolves at once)" : "trivial (`Effect.succeed`)",
          fmt(at(run, "ms", "unrecorded"), 1),
          fmt(at(run, "ms", "recorded"), 1),
          fmt(at(run, "ms", "read"), 1),
          `${fmt(at(run, "ratio"))} (${fmt(at(run, "ratioWithRead"))})`,
          `${fmt(at(run, "cpuRatio"))} (${fmt(at(run, "cpuRatioWithRead"))})`,
          fmt(at(run, "usPerTask"), 3),
        ]),
      ),
  )
  if (!skipped(rec)) {
    out.push(
      `\nTarget: ${fmt(at(rec, "tasks"))} recorded promise tasks within ${
        at(rec, "target")
      }× the same run unrecorded. ` +
        '"read" is one read of the finished timeline (spans in order, makespan, peak). ' +
        "The same µs per task at ten times the tasks means recording stays linear.",
    )
  }
  return out
}
