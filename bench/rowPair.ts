/**
 * The row path against its limit, for issue 22: the sync job row by row over
 * MariaDB (pool 5) beside bench/driver.ts's plain mysql2 doing the same writes,
 * interleaved in one process, reporting wall time and the process's CPU time
 * (user + system), medians of the rounds after one warm-up each.
 *
 *   npx tsx bench/rowPair.ts [products=10000] [rounds=3] [row,supplier]
 *
 * `row`: 5 in flight, the supplier answering at once; `supplier`: 10 in flight,
 * a supplier of 1 ms per product. It makes `poolwise_rowpair_<pid>` and drops it.
 */
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import mysql from "mysql2/promise"
import { pooledStrategy } from "poolwise"
import { ProductRepository, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { makeDriver } from "./driver.ts"
import { median } from "./lib/stats.ts"

const products = Number(process.argv[2] ?? 10_000)
const rounds = Number(process.argv[3] ?? 3)
const pairs = (process.argv[4] ?? "row,supplier").split(",")
const server = new URL(process.env["POOLWISE_BENCH_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306")
const host = server.hostname
const port = Number(server.port || 3306)
const user = decodeURIComponent(server.username || "root")
const password = decodeURIComponent(server.password)
const database = `poolwise_rowpair_${process.pid}`

const admin = await mysql.createConnection({ host, port, user, password })
await admin.query(`CREATE DATABASE \`${database}\``)
try {
  const url = Redacted.make(
    `mysql://${encodeURIComponent(user)}${
      password ? `:${encodeURIComponent(password)}` : ""
    }@${host}:${port}/${database}`,
  )
  const runtime = ManagedRuntime.make(
    Layer.merge(ProductRepository.layerMysql({ url, poolSize: 5 }), SupplierStatus.layerSimulated({ latency: 0 })),
  )
  await runtime.runPromise(Effect.flatMap(ProductRepository, (store) => store.ensureProducts(products)))
  const driver = makeDriver({ host, port, user, password, database, pool: 5, lockWaitSeconds: 5 })
  const kit = (concurrency: number, supplierMs: number) =>
    runtime.runPromise(Effect.flatMap(pooledStrategy({ concurrency }), (strategy) => {
      const run = Effect.map(syncProductStatus({ strategy, products }), (report) => report.updated)
      return supplierMs === 0
        ? run
        : Effect.provide(run, SupplierStatus.layerSimulated({ latency: `${supplierMs} millis` }))
    }))
  const cases: Record<string, () => Promise<number>> = {}
  if (pairs.includes("row")) {
    cases["kitRow"] = () => kit(5, 0)
    cases["driverRow"] = () => driver.rowByRow(products, 5, 0)
  }
  if (pairs.includes("supplier")) {
    cases["kitSupplier"] = () => kit(10, 1)
    cases["driverSupplier"] = () => driver.rowByRow(products, 10, 1)
  }
  const names = Object.keys(cases)
  const cpu = new Map(names.map((name) => [name, [] as Array<number>]))
  const wall = new Map(names.map((name) => [name, [] as Array<number>]))
  const reset = () => admin.query(`UPDATE \`${database}\`.products SET synced_at = NULL`)
  for (const name of names) {
    await reset()
    await cases[name]!()
  }
  for (let round = 0; round < rounds; round++) {
    // Rotated every round, so no case always goes first.
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!
      await reset()
      const cpuStart = process.cpuUsage()
      const start = performance.now()
      const written = await cases[name]!()
      wall.get(name)!.push(performance.now() - start)
      const used = process.cpuUsage(cpuStart)
      cpu.get(name)!.push((used.user + used.system) / 1000)
      if (written !== products) console.error(`${name} wrote ${written} of ${products}`)
    }
  }
  for (const name of names) {
    console.log(
      `${name.padEnd(15)} wall ${median(wall.get(name)!).toFixed(0)} ms  cpu ${median(cpu.get(name)!).toFixed(0)} ms`,
    )
  }
  for (const [kitName, driverName] of [["kitRow", "driverRow"], ["kitSupplier", "driverSupplier"]] as const) {
    if (!cases[kitName]) continue
    const ratio = (m: Map<string, Array<number>>) => (median(m.get(kitName)!) / median(m.get(driverName)!)).toFixed(2)
    console.log(`${kitName}/${driverName}: wall ${ratio(wall)}, cpu ${ratio(cpu)}`)
  }
  await driver.end()
  await runtime.dispose()
} finally {
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``)
  await admin.end()
}
