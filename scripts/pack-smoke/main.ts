// A consumer of the packed kit: imports `pooled` and the sync job, and
// provides its own ProductRepository layer (an in-memory map), as a service would.
import { Effect, Layer, Option } from "effect"
import {
  pooled,
  pooledStrategy,
  Product,
  type ProductId,
  ProductRepository,
  SupplierStatus,
  syncProductStatus,
} from "poolwise"

const rows = new Map<number, Product>()

const OwnRepository = Layer.succeed(ProductRepository, {
  ensureProducts: (count) =>
    Effect.sync(() => {
      let inserted = 0
      for (let id = 1; id <= count; id++) {
        if (!rows.has(id)) {
          rows.set(
            id,
            new Product({ id: id as ProductId, name: `product ${id}`, stock: 0, discontinued: false, syncedAt: null }),
          )
          inserted++
        }
      }
      return inserted
    }),
  pageIds: ({ after, limit, upTo }) =>
    Effect.sync(() =>
      [...rows.keys()].filter((id) => id > after && (upTo === undefined || id <= upTo)).sort((a, b) => a - b)
        .slice(0, limit) as Array<ProductId>
    ),
  updateStatus: (id, status, syncedAt) =>
    Effect.sync(() => {
      rows.set(id, new Product({ ...rows.get(id)!, ...status, syncedAt }))
    }),
  findById: (id) => Effect.sync(() => Option.fromNullable(rows.get(id))),
  stats: Effect.succeed({ inFlight: 0, peakConnections: 1 }),
  resetStats: Effect.void,
})

const program = Effect.gen(function* () {
  const doubled = yield* pooled([1, 2, 3], (n) => Effect.succeed(n * 2), { concurrency: 2 })
  const repository = yield* ProductRepository
  yield* repository.ensureProducts(25)
  const report = yield* syncProductStatus({ strategy: yield* pooledStrategy({ concurrency: 4 }), products: 25 })
  return { doubled, updated: report.updated, failed: report.failed.length }
})

const result = await Effect.runPromise(
  program.pipe(Effect.provide(Layer.merge(OwnRepository, SupplierStatus.layerSimulated({ meanLatency: "1 millis" })))),
)
const runtime = "Deno" in globalThis ? "deno" : "node"
if (JSON.stringify(result.doubled) !== "[2,4,6]" || result.updated !== 25 || result.failed !== 0) {
  console.error(`${runtime}: unexpected result ${JSON.stringify(result)}`)
  process.exit(1)
}
console.log(
  `${runtime}: imported poolwise from the tarball: pooled → ${result.doubled}, sync updated ${result.updated}/25`,
)
