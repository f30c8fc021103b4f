/** Renders bench/results/latest.json as the markdown report printed by `npm run bench`. */

/** Reads `path` inside `value`, or undefined. */
const at = (value: unknown, ...path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>(
    (v, key) => (typeof v === "object" && v !== null ? (v as Record<string | number, unknown>)[key] : undefined),
    value,
  )

const fmt = (value: unknown, digits = 2): string =>
  typeof value === "number" ? (Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(digits)) : "–"

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n")

const skipped = (value: unknown): string | undefined => {
  const reason = at(value, "skipped")
  return typeof reason === "string" ? `_skipped: ${reason}_` : undefined
}

export const renderReport = (r: unknown): string => {
  const out: Array<string> = []
  const machine = at(r, "machine")
  out.push(`# poolwise benchmarks${at(r, "quick") === true ? " (--quick)" : ""}`)
  out.push(
    `${at(machine, "cpus")} × ${at(machine, "cpuModel")}, ${at(machine, "memoryGb")} GB, Node ${
      at(machine, "node")
    }, ` +
      `load average at start ${String(at(machine, "loadAverageAtStart"))}; ${at(r, "date")}; ${at(r, "wallSeconds")} s`,
  )

  const m = at(r, "makespan")
  out.push(`\n## 1. Makespan over the ideal bound (TestClock, ${at(m, "n")} tasks, ${at(m, "seeds")} seeds)`)
  out.push(
    skipped(m) ??
      table(
        ["limit", "pooled / bound: median", "worst", "chunked / bound: median", "worst"],
        [
          ...((at(m, "limits") as ReadonlyArray<number> | undefined) ?? []).map((limit) => [
            String(limit),
            fmt(at(m, "byLimit", limit, "pooledOverBound", "median"), 3),
            fmt(at(m, "byLimit", limit, "pooledOverBound", "worst"), 3),
            fmt(at(m, "byLimit", limit, "chunkedOverBound", "median"), 3),
            fmt(at(m, "byLimit", limit, "chunkedOverBound", "worst"), 3),
          ]),
          [
            "**all**",
            fmt(at(m, "pooledOverBound", "median"), 3),
            fmt(at(m, "pooledOverBound", "worst"), 3),
            fmt(at(m, "chunkedOverBound", "median"), 3),
            fmt(at(m, "chunkedOverBound", "worst"), 3),
          ],
        ],
      ),
  )
  if (!skipped(m)) {
    out.push(
      `\n${at(m, "runsMatchingReferenceSchedule")}/${at(m, "runs")} runs matched the reference schedule exactly.`,
    )
  }

  const a = at(r, "anchor")
  out.push(`\n## The blog's anchor: 1,000 tasks of 0.5–2 s, limit 50`)
  out.push(
    skipped(a) ??
      table(["", "chunked", "pooled", "ideal bound"], [
        ["blog (measured)", `${fmt(at(a, "blog", "chunkedS"), 1)} s`, `${fmt(at(a, "blog", "pooledS"), 1)} s`, "–"],
        [
          `kit, virtual time (median over seeds: ${at(a, "seeds")})`,
          `${fmt(at(a, "chunkedS"))} s`,
          `${fmt(at(a, "pooledS"))} s`,
          `${fmt(at(a, "boundS"))} s`,
        ],
      ]),
  )

  const l = at(r, "live")
  out.push(`\n## 2. Live timers against the virtual-time prediction`)
  out.push(
    skipped(l) ??
      table(
        ["workload", "pooled: virtual → measured", "ratio", "chunked: virtual → measured", "ratio"],
        (["seed", "anchorScaled"] as const).map((key) => [
          key === "seed" ? "seed: 100/300/200 ms, limit 2" : "anchor ÷ 100: 1,000 × 5–20 ms, limit 50",
          `${fmt(at(l, key, "virtualMs", "pooled"))} → ${fmt(at(l, key, "measuredMs", "pooled"))} ms`,
          fmt(at(l, key, "measuredOverVirtual", "pooled"), 3),
          `${fmt(at(l, key, "virtualMs", "chunked"))} → ${fmt(at(l, key, "measuredMs", "chunked"))} ms`,
          fmt(at(l, key, "measuredOverVirtual", "chunked"), 3),
        ]),
      ),
  )

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

  const d = at(r, "db")
  out.push(`\n## 4. Database throughput: ${fmt(at(d, "rows"))} product updates, pool of ${at(d, "pool")}`)
  const dbLabels = {
    pooled: "sync job, `pooled` (5), row by row",
    chunked: "sync job, `chunked` (5), row by row",
    seedStack: "seed stack: Sequelize + promise-pool (5)",
    bulk: `sync job, \`bulk\`: ${at(d, "batchSize") ?? 500} rows per UPDATE … JOIN`,
    bulkUpsert: `${at(d, "batchSize") ?? 500} rows per INSERT … ON DUPLICATE KEY UPDATE`,
  }
  out.push(
    skipped(d) ??
      table(
        ["strategy", "rows/s", "seconds"],
        (Object.keys(dbLabels) as Array<keyof typeof dbLabels>).map((key) => [
          dbLabels[key],
          fmt(at(d, "rowsPerSec", key)),
          fmt(at(d, "seconds", key), 3),
        ]),
      ),
  )
  if (!skipped(d)) {
    out.push(`\n${at(d, "server")}; median of ${at(d, "rounds")} rounds; verified: ${at(d, "verified")}.`)
  }

  const mem = at(r, "memory")
  out.push(`\n## 5. Memory: the sync job on the simulated store`)
  out.push(
    skipped(mem) ??
      table(
        ["products", "seconds", "RSS, code loaded", "RSS, store filled", "peak RSS", "heap after run + GC"],
        ((at(mem, "runs") as ReadonlyArray<unknown> | undefined) ?? []).map((run) => [
          fmt(at(run, "products")),
          fmt(at(run, "seconds")),
          `${fmt(at(run, "loadedRssMb"))} MB`,
          `${fmt(at(run, "storeRssMb"))} MB`,
          `${fmt(at(run, "peakRssMb"))} MB`,
          `${fmt(at(run, "heapUsedAfterGcMb"))} MB`,
        ]),
      ),
  )
  if (!skipped(mem)) {
    out.push(
      `\nRun by ${at(mem, "loader") === "node" ? "node on a plain-JS bundle" : "node through tsx"}; ` +
        `an empty process started the same way peaks at ${fmt(at(mem, "baselineRssMb"))} MB.`,
    )
  }
  const capped = at(mem, "capped")
  if (!skipped(mem) && capped !== undefined) {
    out.push(
      `\nWith \`--max-old-space-size=${at(capped, "maxOldSpaceMb")}\`: ` +
        (skipped(capped) ??
          `${fmt(at(capped, "products"))} products in ${fmt(at(capped, "seconds"))} s, peak RSS ${
            fmt(at(capped, "peakRssMb"))
          } MB (store filled: ${fmt(at(capped, "storeRssMb"))} MB).`),
    )
  }
  const allFail = at(mem, "allFail")
  if (!skipped(mem) && allFail !== undefined) {
    out.push(
      `\nEvery product failing: ${fmt(at(allFail, "products"))} products, ${fmt(at(allFail, "failed"))} failed in ` +
        `${fmt(at(allFail, "failureGroups"))} group(s), ${fmt(at(allFail, "seconds"))} s, peak RSS ${
          fmt(at(allFail, "peakRssMb"))
        } MB.`,
    )
  }
  const scale = at(r, "scale")
  out.push(`\n## 6. Concurrency above the pool size: 50 vs 1,000 tasks over a pool of 5`)
  const scaleRow = (name: string, key: string) => {
    const side = at(scale, key)
    return skipped(side) !== undefined ? [name, skipped(side)!, "", "", "", "", ""] : [
      name,
      fmt(at(side, "concurrency50", "seconds"), 3),
      fmt(at(side, "concurrency1000", "seconds"), 3),
      fmt(at(side, "timeRatio")),
      `${fmt(at(side, "concurrency50", "peakRssMb"))} MB`,
      `${fmt(at(side, "concurrency1000", "peakRssMb"))} MB`,
      fmt(at(side, "rssRatio")),
    ]
  }
  out.push(
    skipped(scale) ??
      table(
        ["store", "s at 50", "s at 1,000", "time ratio", "RSS at 50", "RSS at 1,000", "RSS ratio"],
        [scaleRow("simulated", "simulated"), scaleRow("MariaDB", "mysql")],
      ),
  )
  if (!skipped(scale)) {
    out.push(
      `\n${fmt(at(scale, "products"))} products, supplier 5 ms, median of ${fmt(at(scale, "rounds"))} run(s), ` +
        "each in a fresh process. Goal: both ratios within 1.2 (waiting for a connection costs O(1) per waiter).",
    )
  }
  out.push(renderTools(at(r, "tools")))
  return out.join("\n")
}

const toolLabels: Record<string, string> = {
  pooled: "kit `pooled` (concurrency 20)",
  forEach: "`Effect.forEach` (concurrency 20)",
  streamUnordered: "`Stream.mapEffect` (concurrency 20, unordered)",
  streamOrdered: "`Stream.mapEffect` (concurrency 20, ordered)",
  chunked: "`Effect.forEach` over chunks of 20",
  semaphore: "`Semaphore(20)` around an unbounded `Effect.forEach`",
  pool: "`Pool` of 20 around an unbounded `Effect.forEach`",
}

/** Section 7: Effect's tools at scale (bench/tools.ts). */
const renderTools = (t: unknown): string => {
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
