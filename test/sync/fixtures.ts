/**
 * Shared setup for the simulated sync tests: an in-process product store and
 * supplier, both on Effect's clock, so TestClock drives every latency.
 */
import { expect } from "@effect/vitest"
import { Context, type Duration, Effect, Fiber, Layer, Option, TestClock } from "effect"
import {
  listFailures,
  type Product,
  ProductId,
  ProductRepository,
  SupplierStatus,
  type SyncReport,
} from "poolwise/sync"

/** The simulated store's options, as `ProductRepository.layerSimulated` takes them. */
export type SimulatedDatabaseOptions = NonNullable<Parameters<typeof ProductRepository.layerSimulated>[0]>

/** The simulated supplier's options, as `SupplierStatus.layerSimulated` takes them. */
export type SimulatedSupplierOptions = NonNullable<Parameters<typeof SupplierStatus.layerSimulated>[0]>

/** The store's domain calls, as a `ProductRepository` layer provides them. */
export type Repository = Context.Tag.Service<ProductRepository>

/** One failed product, as `listFailures` yields it. */
export type SyncFailure = ReturnType<typeof listFailures> extends Generator<infer F> ? F : never

/** Simulated store and supplier together. */
export const simulated = (database: SimulatedDatabaseOptions, supplier: SimulatedSupplierOptions = {}) =>
  Layer.merge(ProductRepository.layerSimulated(database), SupplierStatus.layerSimulated(supplier))

/**
 * The simulated store with some of its calls replaced, e.g. a write that fails
 * twice: `wrap` gets the real calls and returns the ones the job will use.
 */
export const simulatedStoreWith = (database: SimulatedDatabaseOptions, wrap: (repo: Repository) => Repository) =>
  Layer.map(
    ProductRepository.layerSimulated(database),
    (context) => Context.add(context, ProductRepository, wrap(Context.get(context, ProductRepository))),
  )

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

/** Runs `effect` to completion under TestClock (moving it a minute ahead). */
export const settle = <A, E, R>(effect: Effect.Effect<A, E, R>, horizon: Duration.DurationInput = "1 minute") =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(horizon)
    return yield* Fiber.join(fiber)
  })

/** Every failed product of a report, one by one, in id order. */
export const failuresOf = (report: Pick<SyncReport, "failures">): Array<SyncFailure> => [...listFailures(report)]

/** The ids of the failed products, ascending. */
export const failedIds = (report: Pick<SyncReport, "failures">): Array<number> =>
  failuresOf(report).map((failure) => failure.id)

/** The report's promise: every product counted once. */
export const expectAccounted = (report: SyncReport): void => {
  expect(report.updated + report.failed + report.alreadySynced).toBe(report.products)
  expect(failuresOf(report)).toHaveLength(report.failed)
}

/** Both ways the job writes: the same tests hold for each. */
export const writeModes = ["row", "bulk"] as const

/** The reasons a report gives to products that did not run to their end, as documented on `SyncReport`. */
export const interrupted = "interrupted"
export const notAttempted = "not attempted"
export const notInTable = "not in the products table"
