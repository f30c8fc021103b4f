/**
 * Shared setup for the simulated sync tests: an in-process product store and
 * supplier, both on Effect's clock, so TestClock drives every latency.
 */
import { expect } from "@effect/vitest"
import { type Duration, Effect, Fiber, Layer, Option, TestClock } from "effect"
import {
  listFailures,
  type Product,
  ProductId,
  ProductRepository,
  type SimulatedDatabaseOptions,
  type SimulatedSupplierOptions,
  SupplierStatus,
  type SyncFailure,
  type SyncReport,
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
