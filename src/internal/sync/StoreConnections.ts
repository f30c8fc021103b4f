/**
 * The operational service of the product store (documented in
 * src/sync/StoreConnections.ts). `ProductRepository`'s layers provide it.
 *
 * @internal
 */
import { Context } from "effect"
import type { StoreConnectionsShape } from "./store.ts"

/** The store's connections: `ping`, `cancelRunning`, `stats`, `resetStats`. */
export class StoreConnections extends Context.Tag("poolwise/StoreConnections")<
  StoreConnections,
  StoreConnectionsShape
>() {}
