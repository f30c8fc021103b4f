/**
 * Shared setup for the simulated sync tests: an in-process product store and
 * supplier, both on Effect's clock, so TestClock drives every latency.
 */
import { Effect, Layer, Option } from "effect"
import {
  type Product,
  ProductId,
  ProductRepository,
  type SimulatedDatabaseOptions,
  type SimulatedSupplierOptions,
  SupplierStatus,
} from "poolwise/sync"

/** Simulated store and supplier together. */
export const simulated = (database: SimulatedDatabaseOptions, supplier: SimulatedSupplierOptions = {}) =>
  Layer.merge(ProductRepository.layerSimulated(database), SupplierStatus.layerSimulated(supplier))

/** Exact supplier latency per product, from a list indexed by id - 1. */
export const latencies = (millis: ReadonlyArray<number>) => (id: ProductId) => millis[id - 1] ?? 0

/** Ids 1..n. */
export const ids = (n: number): Array<number> => Array.from({ length: n }, (_, i) => i + 1)

/** Every product 1..n as the store has it now. Each read is a statement: under TestClock, run it in the forked fiber. */
export const readAll = (n: number): Effect.Effect<Array<Product>, unknown, ProductRepository> =>
  Effect.flatMap(
    ProductRepository,
    (repo) => Effect.forEach(ids(n), (id) => Effect.map(repo.findById(ProductId.make(id)), Option.getOrThrow)),
  )
