/**
 * The bulk pair alone, repeatable (issue 22): the sync job with
 * `write: "bulk"` against plain mysql2 doing the same multi-row writes
 * (bench/driver.ts), interleaved round by round over one database.
 * Products 10,000 by default, pool 5, batches of 500, a supplier that
 * answers at once; each run's wall time and this process's CPU time
 * (`process.cpuUsage`, user + system), medians and the ratios kit/driver.
 *
 *   npx tsx bench/bulkPair.ts [--rows 10000] [--rounds 7] [--only kit|driver]
 *
 * `--only kit` runs the kit alone (for `node --cpu-prof`). The run makes its
 * own database, `poolwise_bulkpair_<pid>`, and drops it.
 */
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import mysql from "mysql2/promise"
import { pooledStrategy } from "poolwise"
import { ProductRepository, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { makeDriver } from "./driver.ts"
import { median, round } from "./lib/stats.ts"

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : process.argv[at + 1] ?? fallback
}
const rows = Number(arg("rows", "10000"))
const rounds = Number(arg("rounds", "7"))
const only = arg("only", "both")
const pool = 5
const batchSize = 500
const host = "127.0.0.1"
const port = 3306
const user = "root"
const password = ""
const database = `poolwise_bulkpair_${process.pid}`

const stack = Layer.merge(
  ProductRepository.layerMysql({ url: Redacted.make(`mysql://${user}@${host}:${port}/${database}`), poolSize: pool }),
  SupplierStatus.layerSimulated({ latency: 0 }),
)

const admin = await mysql.createConnection({ host, port, user, password })
await admin.query(`CREATE DATABASE \`${database}\``)
const runtime = ManagedRuntime.make(stack)
const driver = makeDriver({ host, port, user, password, database, pool, lockWaitSeconds: 5 })
try {
  await runtime.runPromise(Effect.flatMap(ProductRepository, (repo) => repo.ensureProducts(rows)))
  const kit = () =>
    runtime.runPromise(Effect.flatMap(
      pooledStrategy({ concurrency: pool }),
      (strategy) =>
        Effect.map(syncProductStatus({ strategy, products: rows, write: "bulk", batchSize }), (r) => r.updated),
    ))
  const pair = { kit, driver: () => driver.bulk(rows, pool, batchSize) }
  const names = only === "both" ? (["kit", "driver"] as const) : [only as "kit" | "driver"]
  const wall = { kit: [] as Array<number>, driver: [] as Array<number> }
  const cpu = { kit: [] as Array<number>, driver: [] as Array<number> }
  // One warm-up round each, not counted.
  for (let r = -1; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(Math.max(r, 0) + k) % names.length]!
      await admin.query(`UPDATE \`${database}\`.products SET synced_at = NULL`)
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const written = await pair[name]()
      const ms = performance.now() - t0
      const c = process.cpuUsage(c0)
      if (written !== rows) throw new Error(`${name} wrote ${written} of ${rows}`)
      if (r >= 0) {
        wall[name].push(ms)
        cpu[name].push((c.user + c.system) / 1000)
      }
    }
  }
  const out = Object.fromEntries(
    names.map((n) => [n, { wallMs: round(median(wall[n]), 1), cpuMs: round(median(cpu[n]), 1) }]),
  )
  console.log(JSON.stringify({ rows, rounds, pool, batchSize, ...out }))
  if (names.length === 2) {
    console.log(JSON.stringify({
      wallRatio: round(median(wall.kit) / median(wall.driver)),
      cpuRatio: round(median(cpu.kit) / median(cpu.driver)),
    }))
  }
} finally {
  await driver.end().catch(() => undefined)
  await runtime.dispose().catch(() => undefined)
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined)
  await admin.end().catch(() => undefined)
}
