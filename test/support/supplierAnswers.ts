/**
 * What the simulated supplier answers, read through its public layer: the
 * status a sync must have written for each product.
 */
import { Effect } from "effect"
import { ProductId, SupplierStatus, type SupplierStatusRecord } from "poolwise/sync"

/** The simulated supplier of `seed`, answering at once: `answerOf(id)` is its record for product `id`. */
export const supplierAnswers = (seed: number): (id: number) => SupplierStatusRecord => {
  const supplier = Effect.runSync(Effect.provide(SupplierStatus, SupplierStatus.layerSimulated({ seed, latency: 0 })))
  return (id) => Effect.runSync(supplier.fetch(ProductId.make(id)))
}
