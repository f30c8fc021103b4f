/**
 * What a sync run reports, as a `Schema` (documented in src/sync/SyncReport.ts):
 * every product is counted once, as updated, failed (with its reason) or
 * already synced by the run it resumed. The cluster stores the report as
 * JSON and decodes it with this Schema when it reads it back.
 *
 * @internal
 */
import { Cause, Duration, Schema } from "effect"
import { TaskTimeoutError } from "../strategies/errors.ts"
import type { ProductId } from "./Product.ts"
import { ProductNotFound } from "./RepositoryError.ts"
import { SupplierError } from "./SupplierError.ts"

/** Reason given to products the run never started because it stopped early. */
export const notAttempted = "not attempted"

/** Reason given to products in flight when the run stopped whose write is not on the server. */
export const interrupted = "interrupted"

/**
 * Reason given to products in flight when the run stopped whose write could
 * not be checked (the server did not answer): neither updated nor failed
 * with certainty. `resume` settles them: a write that landed counts as
 * already synced, one that did not is made.
 */
export const unknownOutcome = "unknown (no reply from the server; --resume settles it)"

/** Reason given to ids in the run's range that are not in the products table. */
export const notInTable = "not in the products table"

/**
 * The products that failed for one reason: how many, and which, as ascending
 * ranges of ids (`[[4, 4], [7, 9]]` is 4, 7, 8 and 9).
 */
export const FailureGroup = Schema.Struct({
  reason: Schema.String,
  errno: Schema.optional(Schema.Number),
  code: Schema.optional(Schema.String),
  count: Schema.NonNegativeInt,
  ids: Schema.Array(Schema.Tuple(Schema.Number, Schema.Number)),
})

export type FailureGroup = typeof FailureGroup.Type

/** The outcome of a run; `updated + failed + alreadySynced === products`, always. */
export const SyncReport = Schema.Struct({
  /** How fetches (and, row by row, writes) were scheduled. */
  strategy: Schema.Literal("pooled", "chunked", "unbounded"),
  limit: Schema.Union(Schema.Number, Schema.Literal("unbounded")),
  /** `"row"`: one UPDATE per product; `"bulk"`: multi-row UPDATEs of `batchSize` rows. */
  write: Schema.Literal("row", "bulk"),
  /** Rows per write statement (1 row by row). */
  batchSize: Schema.NonNegativeInt,
  products: Schema.NonNegativeInt,
  /** Products this invocation updated. */
  updated: Schema.NonNegativeInt,
  /** Products this invocation did not update; see `failures` for which and why. */
  failed: Schema.NonNegativeInt,
  /** Products the resumed run had updated before this invocation; 0 for a new run. */
  alreadySynced: Schema.NonNegativeInt,
  /** The failed products, grouped by reason, in order of first appearance. */
  failures: Schema.Array(FailureGroup),
  /** Write statements sent, retries included. */
  statements: Schema.NonNegativeInt,
  /** Statements run again after a transient failure, over the whole run. */
  retries: Schema.NonNegativeInt,
  /** Times the server stopped answering (or dropped connections) and the run waited for it and went on. */
  outages: Schema.NonNegativeInt,
  /** From Effect's `Clock`: virtual under `TestClock`. */
  elapsedMs: Schema.NonNegative,
  /** Most database connections this process had checked out at once during the run. */
  peakConnections: Schema.NonNegativeInt,
  /** Why the run stopped before reading every id, when it did: `"interrupted"`, or the failure. */
  stoppedBy: Schema.optional(Schema.String),
  /** The run's id, as written to `sync_run_id`. */
  runId: Schema.String,
  /** Whether this invocation continued an earlier run. */
  resumed: Schema.Boolean,
})

export type SyncReport = typeof SyncReport.Type

/** One product the run did not update, and why (for database failures, the server's message, errno and code). */
export interface SyncFailure {
  readonly id: ProductId
  readonly reason: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
}

/** Every failed product, one by one, in ascending id order: what `failures` holds in compact form. */
export function* listFailures(report: Pick<SyncReport, "failures">): Generator<SyncFailure> {
  // Ranges from every group, in id order: one sort over ranges, never over ids.
  const ranges = report.failures.flatMap((group) => group.ids.map((range) => ({ group, range })))
  ranges.sort((a, b) => a.range[0] - b.range[0])
  for (const { group, range } of ranges) {
    for (let id = range[0]; id <= range[1]; id++) {
      yield {
        id: id as ProductId,
        reason: group.reason,
        ...(group.errno === undefined ? {} : { errno: group.errno }),
        ...(group.code === undefined ? {} : { code: group.code }),
      }
    }
  }
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined

/**
 * Why one product failed, from its cause: the server's message with its
 * errno/code for database errors, "interrupted", or the timeout it hit.
 */
export const failureOf = (id: ProductId, cause: Cause.Cause<unknown>): SyncFailure => {
  if (Cause.isInterruptedOnly(cause)) return { id, reason: interrupted }
  const error = Cause.squash(cause)
  // Reasons leave the id out (the failure carries it), so that products failing
  // the same way share one reason and one group in the report.
  if (error instanceof TaskTimeoutError) return { id, reason: `timed out after ${Duration.format(error.timeout)}` }
  if (error instanceof SupplierError) return { id, reason: `supplier status: ${error.reason}` }
  if (error instanceof ProductNotFound) return { id, reason: notInTable }
  const message = field(error, "message")
  const errno = field(error, "errno")
  const code = field(error, "code")
  return {
    id,
    reason: typeof message === "string" && message !== "" ? message : String(error),
    errno: typeof errno === "number" ? errno : undefined,
    code: typeof code === "string" ? code : undefined,
  }
}
