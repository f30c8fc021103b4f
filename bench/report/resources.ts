/** Sections 4 to 6: the database, memory, and concurrency above the pool size. */
import { at, fmt, skipped, table } from "./format.ts"

/** Section 4: database throughput (bench/db.ts). */
export const renderDb = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const d = at(r, "db")
  out.push(`\n## 4. Database throughput: ${fmt(at(d, "rows"))} product updates, pool of ${at(d, "pool")}`)
  const dbLabels = {
    pooled: "sync job, `pooled` (5), row by row",
    chunked: "sync job, `chunked` (5), row by row",
    seedStack: "seed stack: Sequelize + promise-pool (5)",
    bulk: `sync job, \`bulk\`: ${at(d, "batchSize") ?? 500} rows per UPDATE … JOIN`,
    bulkUpsert: `${at(d, "batchSize") ?? 500} rows per INSERT … ON DUPLICATE KEY UPDATE`,
    driverRow: "limit: plain mysql2 (5), the job's conditional UPDATE, prepared",
    driverBulk: `limit: plain mysql2 (5), the job's ${at(d, "batchSize") ?? 500}-row UPDATE … JOIN`,
    pooledSupplier: `sync job, \`pooled\` (${at(d, "supplierConcurrency") ?? 10}), supplier ${
      at(d, "supplierMs") ?? 1
    } ms, row by row`,
    driverSupplier: `limit: plain mysql2, ${at(d, "supplierConcurrency") ?? 10} workers, supplier ${
      at(d, "supplierMs") ?? 1
    } ms`,
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
    out.push(
      `\nThe job over the driver on the same writes (1.00: the driver's speed): row by row ${
        fmt(at(d, "ratios", "row"))
      }×, bulk ${fmt(at(d, "ratios", "bulk"))}×, row by row with the supplier's delay ${
        fmt(at(d, "ratios", "rowWithSupplier"))
      }×.`,
    )
  }
  return out
}

/** Section 5: memory of the sync job (bench/memory.ts). */
export const renderMemory = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
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
  return out
}

/** Section 6: 50 vs 1,000 tasks over a pool of 5 (bench/scale.ts). */
export const renderScale = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const scale = at(r, "scale")
  out.push(`\n## 6. Concurrency above the pool size: 50 vs 1,000 tasks over a pool of 5`)
  const scaleRow = (name: string, key: string) => {
    const side = at(scale, key)
    return skipped(side) !== undefined ? [name, skipped(side)!, "", "", "", "", "", ""] : [
      name,
      fmt(at(side, "concurrency50", "seconds"), 3),
      fmt(at(side, "concurrency1000", "seconds"), 3),
      fmt(at(side, "timeRatio")),
      fmt(at(side, "cpuRatio")),
      `${fmt(at(side, "concurrency50", "peakRssMb"))} MB`,
      `${fmt(at(side, "concurrency1000", "peakRssMb"))} MB`,
      fmt(at(side, "rssRatio")),
    ]
  }
  out.push(
    skipped(scale) ??
      table(
        ["store", "s at 50", "s at 1,000", "time ratio", "CPU ratio", "RSS at 50", "RSS at 1,000", "RSS ratio"],
        [scaleRow("simulated", "simulated"), scaleRow("MariaDB", "mysql")],
      ),
  )
  if (!skipped(scale)) {
    out.push(
      `\n${fmt(at(scale, "products"))} products, supplier 5 ms, median of ${fmt(at(scale, "rounds"))} run(s), ` +
        "each in a fresh process. Goal: time and RSS within 1.2 (waiting for a connection costs O(1) per waiter); " +
        "the CPU ratio (user + system of the whole process) is the time ratio a busy machine cannot blur.",
    )
  }
  return out
}
