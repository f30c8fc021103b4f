// A consumer of the packed kit, as a service would use it: every public entry
// is imported from the tarball, `pooled` runs, and the sync job runs with the
// consumer's own SupplierStatus layer (its own data source) next to the kit's
// simulated product store.
import { Duration, Effect, Layer, Redacted } from "effect"
import { pooled, pooledStrategy } from "poolwise"
import { runnerShardingDefaults } from "poolwise/cluster"
import { blogWorkload } from "poolwise/fixtures"
import { parseDatabaseUrl } from "poolwise/sql"
import { ProductRepository, SupplierStatus, SupplierStatusRecord, syncProductStatus } from "poolwise/sync"
import { assertMakespan, predictTimeline, sleepFor } from "poolwise/testing"

const OwnSupplier = Layer.succeed(SupplierStatus, {
  fetch: (id) => Effect.succeed(new SupplierStatusRecord({ id, stock: id * 2, discontinued: id % 7 === 0 })),
})

const program = Effect.gen(function* () {
  const doubled = yield* pooled([1, 2, 3], (n: number) => Effect.succeed(n * 2), { concurrency: 2 })
  const endpoint = yield* parseDatabaseUrl(Redacted.make("mysql://app:secret@db:3306/shop"))
  const repository = yield* ProductRepository
  yield* repository.ensureProducts(25)
  const report = yield* syncProductStatus({ strategy: yield* pooledStrategy({ concurrency: 4 }), products: 25 })
  const [, timeline] = yield* predictTimeline((probe) =>
    pooled(blogWorkload.map((lookup) => lookup.time), probe.task(sleepFor), { concurrency: 2 })
  )
  yield* assertMakespan(timeline, 300)
  return {
    doubled,
    host: endpoint.host,
    lookups: blogWorkload.length,
    updated: report.updated,
    predictedMs: timeline.makespan,
    shardLockSeconds: Duration.toSeconds(runnerShardingDefaults.shardLockExpiration),
    report,
  }
})

const result = await Effect.runPromise(
  program.pipe(Effect.provide(Layer.merge(ProductRepository.layerSimulated({ poolSize: 2 }), OwnSupplier))),
)
const runtime = "Deno" in globalThis ? "deno" : "node"
if (
  JSON.stringify(result.doubled) !== "[2,4,6]" || result.updated !== 25 || result.host !== "db" ||
  result.lookups !== 3 ||
  result.shardLockSeconds !== 6
) {
  console.error(`${runtime}: unexpected result ${JSON.stringify(result)}`)
  process.exit(1)
}
console.log(
  `${runtime}: imported every entry of poolwise from the tarball: pooled → ${result.doubled}, ` +
    `sync updated ${result.updated}/25, the blog's workload predicted at ${result.predictedMs} ms, ` +
    `a cluster runner's shard locks expire after ${result.shardLockSeconds} s`,
)
