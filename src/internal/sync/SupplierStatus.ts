/**
 * The supplier service (documented in src/sync/SupplierStatus.ts).
 *
 * @internal
 */
import { Context, type Effect, Layer } from "effect"
import type { InvalidOptionError } from "../options/rules.ts"
import type { ProductId, SupplierStatusRecord } from "./Product.ts"
import { makeSimulatedSupplier, type SimulatedSupplierOptions } from "./simulatedSupplier.ts"
import type { SupplierError } from "./SupplierError.ts"

/** The supplier's status API: one product's status, decoded and checked. */
export class SupplierStatus extends Context.Tag("poolwise/SupplierStatus")<SupplierStatus, {
  /** The current status of one product, decoded and checked. */
  readonly fetch: (id: ProductId) => Effect.Effect<SupplierStatusRecord, SupplierError>
}>() {
  /** The seeded simulation. */
  static readonly layerSimulated = (
    options?: SimulatedSupplierOptions,
  ): Layer.Layer<SupplierStatus, InvalidOptionError> => Layer.effect(SupplierStatus, makeSimulatedSupplier(options))
}
