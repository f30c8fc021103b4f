/**
 * The B2B supplier's status API the job reads from: the service, its
 * answer's shape, and how a raw answer is checked.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/SupplierStatus.ts"
import * as answers from "../internal/sync/SupplierError.ts"
import * as models from "../internal/sync/Product.ts"

/**
 * The supplier service: `fetch(id)`, the current status of one product,
 * decoded and checked (a `SupplierStatusRecord`, or a `SupplierError` that
 * fails that one product).
 *
 * `SupplierStatus.layerSimulated(options?)` is the seeded simulation, on
 * Effect's clock: `seed` (a whole number ≥ 0, 1 by default), `meanLatency`
 * (each product takes mean × 0.5..1.5, fixed by id and seed; 50 ms),
 * `latency` (exact, one for all or per product, for tests), `catalogueSize`
 * (ids above it are "unknown product"), `respond` (a raw answer to send
 * instead, for fault injection), `capacity` (calls served at once: past it a
 * call accepted with L in flight takes latency × L / capacity; unlimited by
 * default) and `refuseAbove` (calls in flight past which it answers "too many
 * requests", which the job tries again with backoff; ⌈1.2 × capacity⌉ by
 * default). A bad option refuses the layer.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { decodeSupplierStatus, SupplierError, SupplierStatus } from "poolwise/sync"
 *
 * // Your real client: fetch, then decode (a bad answer fails that one product, typed).
 * const SupplierLive = Layer.succeed(SupplierStatus, SupplierStatus.of({
 *   fetch: (id) =>
 *     Effect.tryPromise({
 *       try: () => fetch(`https://supplier.example/api/status/${id}`).then((response) => response.json()),
 *       catch: (cause) => new SupplierError({ id, reason: String(cause) })
 *     }).pipe(Effect.flatMap((raw) => decodeSupplierStatus(id, raw)))
 * }))
 * // For tests and the demo:
 * const SupplierSimulated = SupplierStatus.layerSimulated({ meanLatency: "20 millis" })
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export const SupplierStatus: typeof internal.SupplierStatus = internal.SupplierStatus

/**
 * @since 0.1.0
 * @category services
 */
export type SupplierStatus = internal.SupplierStatus

/**
 * The supplier's answer for one product, as it must look on the wire (a
 * `Schema.Class`). Decoding rejects negative or fractional stock, `NaN` and a
 * non-boolean `discontinued`, so a bad answer fails that one item instead of
 * being written.
 *
 * @since 0.1.0
 * @category models
 */
export const SupplierStatusRecord: typeof models.SupplierStatusRecord = models.SupplierStatusRecord

/**
 * @since 0.1.0
 * @category models
 */
export type SupplierStatusRecord = models.SupplierStatusRecord

/**
 * The supplier could not give a usable status for one product: it does not
 * know the product, or its answer did not decode.
 *
 * @since 0.1.0
 * @category errors
 */
export const SupplierError: typeof answers.SupplierError = answers.SupplierError

/**
 * @since 0.1.0
 * @category errors
 */
export type SupplierError = answers.SupplierError

/**
 * Checks a raw supplier answer for product `id`: it must decode as a
 * {@link SupplierStatusRecord} and be about `id`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { decodeSupplierStatus, ProductId } from "poolwise/sync"
 *
 * Effect.runSync(Effect.either(decodeSupplierStatus(ProductId.make(7), { id: 7, stock: -1, discontinued: false })))
 * // Left(SupplierError: "malformed status: stock: Expected a non-negative number, actual -1")
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeSupplierStatus: typeof answers.decodeSupplierStatus = answers.decodeSupplierStatus
