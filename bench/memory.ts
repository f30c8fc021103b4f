/**
 * Child process: one sync of N products on the simulated layers (no latency,
 * so the run is pure scheduling and bookkeeping), then its peak RSS. With
 * `fail`, the supplier answers garbage for every product, so every product
 * fails: the report must still stay small.
 *
 * Usage: node <bundle of this file> <products> [fail], or tsx bench/memory.ts
 * <products> [fail]. Prints one JSON line. bench/main.ts bundles it to plain JS
 * first (see bench/lib/child.ts), so no run-time TypeScript loader counts
 * against the figure, and starts a fresh process per size, so one run's heap
 * never inflates another's peak.
 *
 * The simulated store keeps every product row in this process (a real run
 * keeps them in MySQL), so the report separates the RSS once the code is
 * loaded, once the store is filled, and the peak reached during the sync.
 */
import { Effect, Layer } from "effect"
import { pooledStrategy } from "poolwise"

const products = Number(process.argv[2] ?? 100_000)
const allFail = process.argv[3] === "fail"
const concurrency = 10
const mb = (bytes: number) => Math.round(bytes / 1048576)

// The sync job lives in src/sync; imported here so the parent can report null without it.
const sync = await import("../src/sync/index.ts")
const loadedRssMb = mb(process.memoryUsage().rss)
const layers = Layer.merge(
  sync.ProductRepository.layerSimulated({ poolSize: concurrency, queryLatency: 0, products }),
  sync.SupplierStatus.layerSimulated({
    latency: 0,
    ...(allFail ? { respond: (id: number) => ({ id, stock: -1, discontinued: false }) } : {}),
  }),
)

let storeRssMb = 0
const started = performance.now()
const report = await Effect.runPromise(
  Effect.gen(function* () {
    yield* sync.ProductRepository // the layer is built: the store holds every row
    storeRssMb = mb(process.memoryUsage().rss)
    const strategy = yield* pooledStrategy({ concurrency })
    return yield* sync.syncProductStatus({ strategy, products })
  }).pipe(Effect.provide(layers)),
)
const seconds = (performance.now() - started) / 1000
// VmHWM: the most this process ever had resident, in KiB.
const peakRssMb = mb(process.resourceUsage().maxRSS * 1024)

/** Heap in use once everything the run dropped is collected (needs --expose-gc). */
async function heapAfterGc(): Promise<number | null> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) return null
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return mb(process.memoryUsage().heapUsed)
}
console.log(JSON.stringify({
  products,
  concurrency,
  allFail,
  updated: report.updated,
  failed: report.failed,
  failureGroups: report.failures.length,
  seconds: Math.round(seconds * 100) / 100,
  loadedRssMb,
  storeRssMb,
  peakRssMb,
  heapUsedAfterMb: mb(process.memoryUsage().heapUsed),
  heapUsedAfterGcMb: await heapAfterGc(),
}))
