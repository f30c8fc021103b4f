/**
 * Child process: one sync of N products over a pool of 5 at a given task
 * concurrency, on the simulated store or on a real MariaDB/MySQL, then its
 * wall time and peak RSS. Concurrency above the pool size should cost only
 * queue time: bench/main.ts runs this at concurrency 50 and 1,000 and reports
 * the ratios.
 *
 * Usage: node <bundle of this file> <simulated|mysql> <products> <concurrency>.
 * Prints one JSON line. The mysql variant makes its own database and drops it.
 */
import { Effect, Layer, Redacted } from "effect"
import mysql from "mysql2/promise"
import { pooledStrategy } from "poolwise"
import { ProductRepository, type StoreConnections, SupplierStatus, syncProductStatus } from "poolwise/sync"

const [store = "simulated", productsArg = "5000", concurrencyArg = "50"] = process.argv.slice(2)
const products = Number(productsArg)
const concurrency = Number(concurrencyArg)
const poolSize = 5
const supplier = SupplierStatus.layerSimulated({ latency: "5 millis" })

const serverUrl = new URL(process.env["POOLWISE_BENCH_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306")
const database = `poolwise_scale_${process.pid}`

const sync = (repository: Layer.Layer<ProductRepository | StoreConnections, unknown>) =>
  Effect.gen(function* () {
    yield* Effect.flatMap(ProductRepository, (repo) => repo.ensureProducts(products))
    const strategy = yield* pooledStrategy({ concurrency })
    const started = performance.now()
    const report = yield* syncProductStatus({ strategy, products })
    return { report, seconds: (performance.now() - started) / 1000 }
  }).pipe(Effect.provide(Layer.merge(repository, supplier)), Effect.runPromise)

const run = async () => {
  if (store !== "mysql") return sync(ProductRepository.layerSimulated({ poolSize, products }))
  const admin = await mysql.createConnection({
    host: serverUrl.hostname,
    port: Number(serverUrl.port || 3306),
    user: decodeURIComponent(serverUrl.username || "root"),
    password: decodeURIComponent(serverUrl.password),
  })
  try {
    await admin.query(`CREATE DATABASE \`${database}\``)
    const url = new URL(serverUrl.href)
    url.pathname = `/${database}`
    return await sync(ProductRepository.layerMysql({ url: Redacted.make(url.href), poolSize }))
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined)
    await admin.end()
  }
}

const { report, seconds } = await run()
console.log(JSON.stringify({
  store,
  products,
  concurrency,
  poolSize,
  updated: report.updated,
  seconds: Math.round(seconds * 1000) / 1000,
  // User + system CPU of the whole process: steadier than wall time on a shared machine.
  cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000) / 1000,
  peakConnections: report.peakConnections,
  // VmHWM: the most this process ever had resident, in KiB.
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
}))
