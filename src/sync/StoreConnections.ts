/**
 * The product store's operational calls, apart from its domain ones.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/StoreConnections.ts"

/**
 * The store's connections to its server, provided by every
 * `ProductRepository` layer over the same connections:
 *
 * - `ping`: one round trip, how the job learns that a server which went away
 *   is back;
 * - `cancelRunning`: cancels this store's statements still running on the
 *   server (MySQL: `KILL QUERY` from one short-lived extra connection) and
 *   returns how many; an interrupted Effect stops waiting at once, but the
 *   server keeps running the statement (and holding its connection) until it
 *   ends by itself;
 * - `stats`: connections this process has checked out now, and the most at
 *   once since `resetStats` (a report's `peakConnections`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { ProductRepository, StoreConnections } from "poolwise/sync"
 *
 * const peak = Effect.flatMap(StoreConnections, (connections) => connections.stats).pipe(
 *   Effect.provide(ProductRepository.layerSimulated({ poolSize: 5 }))
 * ) // Effect<{ inFlight: number, peakConnections: number }, InvalidOptionError>
 * ```
 *
 * @since 0.1.0
 * @category services
 */
export const StoreConnections: typeof internal.StoreConnections = internal.StoreConnections

/**
 * @since 0.1.0
 * @category services
 */
export type StoreConnections = internal.StoreConnections
