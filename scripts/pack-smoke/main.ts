// A consumer of the packed kit, as a service would use it: imports `pooled`
// and the sync job, and provides its own SupplierStatus layer (its own data
// source) next to the kit's simulated product store.
import { Effect, Layer } from "effect"
import {
  pooled,
  pooledStrategy,
  ProductRepository,
  SupplierStatus,
  SupplierStatusRecord,
  syncProductStatus,
} from "poolwise"

const OwnSupplier = Layer.succeed(SupplierStatus, {
  fetch: (id) => Effect.succeed(new SupplierStatusRecord({ id, stock: id * 2, discontinued: id % 7 === 0 })),
})

const program = Effect.gen(function* () {
  const doubled = yield* pooled([1, 2, 3], (n: number) => Effect.succeed(n * 2), { concurrency: 2 })
  const repository = yield* ProductRepository
  yield* repository.ensureProducts(25)
  const report = yield* syncProductStatus({ strategy: yield* pooledStrategy({ concurrency: 4 }), products: 25 })
  return { doubled, updated: report.updated, failed: report.failed.length }
})

const result = await Effect.runPromise(
  program.pipe(Effect.provide(Layer.merge(ProductRepository.layerSimulated({ poolSize: 2 }), OwnSupplier))),
)
const runtime = "Deno" in globalThis ? "deno" : "node"
if (JSON.stringify(result.doubled) !== "[2,4,6]" || result.updated !== 25 || result.failed !== 0) {
  console.error(`${runtime}: unexpected result ${JSON.stringify(result)}`)
  process.exit(1)
}
console.log(
  `${runtime}: imported poolwise from the tarball: pooled → ${result.doubled}, sync updated ${result.updated}/25`,
)
