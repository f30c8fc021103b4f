/**
 * What a sync run reports: every product is counted once, as updated, failed
 * (with its reason) or already synced by the run it resumed.
 *
 * @since 0.1.0
 */
import * as internal from "../internal/sync/SyncReport.ts"

/**
 * The outcome of a run, as an Effect `Schema` (a struct of plain JSON values:
 * `Schema.decodeUnknown(Schema.parseJson(SyncReport))` reads one back from
 * text). Always `updated + failed + alreadySynced === products`.
 *
 * - `strategy`, `limit`: how fetches (and, row by row, writes) were scheduled;
 *   `write`: `"row"` (one UPDATE per product) or `"bulk"` (multi-row UPDATEs
 *   of `batchSize` rows);
 * - `products`, `updated`, `failed` (this invocation), `alreadySynced` (by
 *   the run it resumed, before it);
 * - `failures`: the failed products grouped by reason, in order of first
 *   appearance, each `{ reason, errno?, code?, count, ids }` with `ids` as
 *   ascending ranges (`[[4, 4], [7, 9]]` is 4, 7, 8 and 9), so a million
 *   products that fail the same way are one group with one range. A product
 *   that never ran is failed with reason `"not attempted"` (the run stopped
 *   early) or `"not in the products table"`; one in flight when the run
 *   stopped, whose write did not land, with `"interrupted"`, and one whose
 *   write could not be checked (the server did not answer within the stop's
 *   3 s) with `"unknown (no reply from the server; --resume settles it)"`;
 * - `statements` (writes sent, retries included), `retries`, `outages` (times
 *   the server went away and the run waited for it and went on);
 * - `elapsedMs` (Effect's `Clock`: virtual under `TestClock`),
 *   `peakConnections` (most connections checked out at once);
 * - `stoppedBy`: why the run stopped before reading every id, when it did
 *   (`"interrupted"`, or the failure); absent otherwise;
 * - `runId` (as written to `sync_run_id`) and `resumed`.
 *
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { SyncReport } from "poolwise/sync"
 *
 * const readBack = (json: string) => Schema.decodeUnknown(Schema.parseJson(SyncReport))(json)
 * // Effect<SyncReport, ParseError>
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const SyncReport: typeof internal.SyncReport = internal.SyncReport

/**
 * @since 0.1.0
 * @category models
 */
export type SyncReport = internal.SyncReport

/**
 * Every failed product, one by one, in ascending id order (`{ id, reason,
 * errno?, code? }`): what a report's `failures` holds in compact form.
 *
 * @example
 * ```ts
 * import { listFailures, type SyncReport } from "poolwise/sync"
 *
 * const failures: SyncReport["failures"] = [
 *   { reason: "Too many connections", errno: 1040, count: 2, ids: [[3, 3], [7, 7]] },
 *   { reason: "not attempted", count: 2, ids: [[4, 5]] }
 * ]
 * console.log([...listFailures({ failures })].map((failure) => failure.id)) // => [3, 4, 5, 7]
 * ```
 *
 * @since 0.1.0
 * @category getters
 */
export const listFailures: typeof internal.listFailures = internal.listFailures
