/**
 * Database throughput: the product-status sync over N products against a real
 * MariaDB/MySQL on loopback, every way inside a pool of 5 connections, with a
 * supplier that answers at once (so the database is the bottleneck):
 *
 * - pooled:     the sync job (`syncProductStatus`) with `pooledStrategy({ concurrency: 5 })`, one UPDATE per row
 * - chunked:    the sync job with `chunkedStrategy({ chunkSize: 5 })`, one UPDATE per row
 * - seedStack:  the incident's stack: Sequelize (pool.max 5) driven by
 *               @supercharge/promise-pool at a limit of 5, one UPDATE per row
 * - bulk:       the sync job with `write: "bulk"`: 500 rows per multi-row
 *               `UPDATE … JOIN`, 5 statements at once
 * - bulkUpsert: 500 rows per `INSERT … ON DUPLICATE KEY UPDATE`, 5 at once (the
 *               classic bulk write; it would re-insert a deleted product)
 * - driverRow, driverBulk: the limit, plain mysql2 doing the job's own writes
 *               (bench/driver.ts): the same conditional UPDATE, 5 at once, and
 *               the same 500-row UPDATE … JOIN, 5 at once
 * - pooledSupplier, driverSupplier: the same pair row by row as the issue measured
 *               it, a supplier of 1 ms per product, 10 in flight over the pool of 5
 *
 * `ratios` is the job's time over the driver's for each pair: reported, not judged.
 *
 * The run makes its own database, `poolwise_bench_<pid>`, and drops it.
 */
import { PromisePool } from "@supercharge/promise-pool"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import mysql from "mysql2/promise"
import { DataTypes, Sequelize } from "sequelize"
import { chunkedStrategy, pooledStrategy } from "poolwise"
import { ProductId, ProductRepository, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { makeDriver } from "./driver.ts"
import { median, round } from "./lib/stats.ts"

export const dbStrategies = [
  "pooled",
  "chunked",
  "seedStack",
  "bulk",
  "bulkUpsert",
  "driverRow",
  "driverBulk",
  "pooledSupplier",
  "driverSupplier",
] as const
export type DbStrategy = (typeof dbStrategies)[number]

const serverUrl = new URL(process.env["POOLWISE_BENCH_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306")
const host = serverUrl.hostname
const port = Number(serverUrl.port || 3306)
const user = decodeURIComponent(serverUrl.username || "root")
const password = decodeURIComponent(serverUrl.password)
const pool = 5
const batchSize = 500
// The pair with a supplier that takes time: as issue 22 measured, 10 in flight over the pool of 5.
const supplierMs = 1
const supplierConcurrency = 10
// The job's default lock wait limit, in seconds (src/internal/defaults.ts).
const lockWaitSeconds = 5

const urlFor = (database: string) =>
  Redacted.make(
    `mysql://${encodeURIComponent(user)}${
      password ? `:${encodeURIComponent(password)}` : ""
    }@${host}:${port}/${database}`,
  )

/** The sync's services over one pool of 5, with a supplier that answers at once. */
const stack = (database: string) =>
  Layer.merge(
    ProductRepository.layerMysql({ url: urlFor(database), poolSize: pool }),
    SupplierStatus.layerSimulated({ latency: 0 }),
  )

type Stack = Layer.Layer.Success<ReturnType<typeof stack>>

/** One run of one strategy over products 1..rows; resolves to how many rows it wrote. */
const runs = (
  rows: number,
  runtime: ManagedRuntime.ManagedRuntime<Stack, unknown>,
  sequelize: Sequelize,
  upserts: mysql.Pool,
  driver: ReturnType<typeof makeDriver>,
): Record<DbStrategy, () => Promise<number>> => {
  const ids = Array.from({ length: rows }, (_, i) => ProductId.make(i + 1))
  const Product = sequelize.define("Product", {
    id: { type: DataTypes.BIGINT, primaryKey: true },
    name: DataTypes.STRING,
    stock: DataTypes.INTEGER,
    discontinued: DataTypes.BOOLEAN,
    synced_at: DataTypes.DATE(3),
  }, { tableName: "products", timestamps: false })

  return {
    pooled: () =>
      runtime.runPromise(Effect.flatMap(
        pooledStrategy({ concurrency: pool }),
        (strategy) => Effect.map(syncProductStatus({ strategy, products: rows }), (r) => r.updated),
      )),
    chunked: () =>
      runtime.runPromise(Effect.flatMap(
        chunkedStrategy({ chunkSize: pool }),
        (strategy) => Effect.map(syncProductStatus({ strategy, products: rows }), (r) => r.updated),
      )),
    bulk: () =>
      runtime.runPromise(Effect.flatMap(
        pooledStrategy({ concurrency: pool }),
        (strategy) =>
          Effect.map(syncProductStatus({ strategy, products: rows, write: "bulk", batchSize }), (r) => r.updated),
      )),
    pooledSupplier: () =>
      runtime.runPromise(Effect.flatMap(
        pooledStrategy({ concurrency: supplierConcurrency }),
        (strategy) =>
          Effect.map(syncProductStatus({ strategy, products: rows }), (r) => r.updated).pipe(
            Effect.provide(SupplierStatus.layerSimulated({ latency: `${supplierMs} millis` })),
          ),
      )),
    driverRow: () => driver.rowByRow(rows, pool, 0),
    driverBulk: () => driver.bulk(rows, pool, batchSize),
    driverSupplier: () => driver.rowByRow(rows, supplierConcurrency, supplierMs),
    seedStack: async () => {
      // The seed's code: ids in memory, an async fetch per product, then Model.update.
      const supplier = await runtime.runPromise(SupplierStatus)
      const { errors, results } = await PromisePool.withConcurrency(pool).for(ids).process(async (id) => {
        const status = await runtime.runPromise(supplier.fetch(id))
        const [affected] = await Product.update(
          { stock: status.stock, discontinued: status.discontinued, synced_at: new Date() },
          { where: { id } },
        )
        return affected
      })
      if (errors.length > 0) throw errors[0]
      return results.length
    },
    bulkUpsert: async () => {
      // The classic bulk write, on mysql2's own pool of 5: INSERT … ON DUPLICATE KEY UPDATE per batch.
      const supplier = await runtime.runPromise(SupplierStatus)
      const batches: Array<ReadonlyArray<ProductId>> = []
      for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize))
      const written = await Promise.all(Array.from({ length: pool }, async (_, worker) => {
        let count = 0
        for (let b = worker; b < batches.length; b += pool) {
          const statuses = await runtime.runPromise(Effect.forEach(batches[b]!, supplier.fetch))
          const syncedAt = new Date()
          await upserts.query(
            "INSERT INTO products (id, name, stock, discontinued, synced_at) VALUES ? ON DUPLICATE KEY UPDATE " +
              "stock = VALUES(stock), discontinued = VALUES(discontinued), synced_at = VALUES(synced_at)",
            [statuses.map((s) => [s.id, "", s.stock, s.discontinued, syncedAt])],
          )
          count += statuses.length
        }
        return count
      }))
      return written.reduce((a, b) => a + b, 0)
    },
  }
}

export interface DbResult {
  readonly rows: number
  readonly pool: number
  readonly batchSize: number
  readonly rounds: number
  readonly rowsPerSec: Record<DbStrategy, number>
  readonly seconds: Record<DbStrategy, number>
  /** The job's time over plain mysql2's on the same writes (1.0: the driver's speed). */
  readonly ratios: { readonly row: number; readonly bulk: number; readonly rowWithSupplier: number }
  readonly supplierMs: number
  readonly supplierConcurrency: number
  /** Every run wrote every row (by its own count) and the table then held `rows` synced rows. */
  readonly verified: boolean
  readonly server: string
}

/** `only`: a subset of the strategies (a ratio whose pair is missing is NaN); all by default. */
export const db = async (
  rows: number,
  rounds: number,
  only: ReadonlyArray<DbStrategy> = dbStrategies,
): Promise<DbResult> => {
  const database = `poolwise_bench_${process.pid}`
  const admin = await mysql.createConnection({ host, port, user, password, connectTimeout: 2_000 })
  let runtime: ManagedRuntime.ManagedRuntime<Stack, unknown> | undefined
  let sequelize: Sequelize | undefined
  let upserts: mysql.Pool | undefined
  let driver: ReturnType<typeof makeDriver> | undefined
  try {
    const [[{ version }]] = (await admin.query("SELECT VERSION() AS version")) as unknown as [[{ version: string }]]
    await admin.query(`CREATE DATABASE \`${database}\``)
    runtime = ManagedRuntime.make(stack(database))
    await runtime.runPromise(Effect.gen(function* () {
      const repo = yield* ProductRepository
      yield* repo.ensureProducts(rows)
    }))
    sequelize = new Sequelize(database, user, password, {
      host,
      port,
      dialect: "mysql",
      logging: false,
      pool: { max: pool, min: 0 },
    })
    upserts = mysql.createPool({ host, port, user, password, database, connectionLimit: pool })
    driver = makeDriver({ host, port, user, password, database, pool, lockWaitSeconds })
    const strategies = runs(rows, runtime, sequelize, upserts, driver)

    const seconds = Object.fromEntries(dbStrategies.map((s) => [s, [] as Array<number>])) as Record<
      DbStrategy,
      Array<number>
    >
    let verified = true
    for (let round = 0; round < rounds; round++) {
      // Rotate the order every round, so no strategy always goes first.
      for (let k = 0; k < only.length; k++) {
        const strategy = only[(round + k) % only.length]!
        await admin.query(`UPDATE \`${database}\`.products SET synced_at = NULL`)
        const start = performance.now()
        const written = await strategies[strategy]()
        seconds[strategy].push((performance.now() - start) / 1000)
        const [[{ synced }]] = (await admin.query(
          `SELECT COUNT(*) AS synced FROM \`${database}\`.products WHERE synced_at IS NOT NULL`,
        )) as unknown as [[{ synced: number }]]
        if (written !== rows || Number(synced) !== rows) verified = false
      }
    }
    const secs = Object.fromEntries(dbStrategies.map((s) => [s, round(median(seconds[s]), 3)])) as Record<
      DbStrategy,
      number
    >
    const rowsPerSec = Object.fromEntries(
      dbStrategies.map((s) => [s, Math.round(rows / median(seconds[s]))]),
    ) as Record<DbStrategy, number>
    const ratio = (kit: DbStrategy, limit: DbStrategy) => round(median(seconds[kit]) / median(seconds[limit]))
    const ratios = {
      row: ratio("pooled", "driverRow"),
      bulk: ratio("bulk", "driverBulk"),
      rowWithSupplier: ratio("pooledSupplier", "driverSupplier"),
    }
    return {
      rows,
      pool,
      batchSize,
      rounds,
      rowsPerSec,
      seconds: secs,
      ratios,
      supplierMs,
      supplierConcurrency,
      verified,
      server: version,
    }
  } finally {
    await sequelize?.close().catch(() => undefined)
    await upserts?.end().catch(() => undefined)
    await driver?.end().catch(() => undefined)
    await runtime?.dispose().catch(() => undefined)
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined)
    await admin.end().catch(() => undefined)
  }
}
