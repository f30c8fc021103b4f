/**
 * What a sync run reports: every product is counted once, as updated, failed
 * (with its reason) or already synced by the run it resumed.
 *
 * @since 0.2.0
 */
import { Cause, Duration } from "effect"
import type { Strategy } from "../strategies/Strategy.ts"
import { TaskTimeoutError } from "../strategies/timeout.ts"
import type { ProductId } from "./Product.ts"
import { ProductNotFound } from "./RepositoryError.ts"
import { SupplierError } from "./SupplierStatus.ts"

/**
 * One product the run did not update, and why. For database failures `reason`
 * is the server's own message and `errno`/`code` are kept.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyncFailure {
  readonly id: ProductId
  readonly reason: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
}

/**
 * The products that failed for one reason: how many, and which, as ascending
 * ranges of ids (`[[4, 4], [7, 9]]` is 4, 7, 8 and 9). A million products
 * that fail the same way are one group with one range.
 *
 * @since 0.2.0
 * @category models
 */
export interface FailureGroup {
  readonly reason: string
  readonly errno?: number | undefined
  readonly code?: string | undefined
  readonly count: number
  readonly ids: ReadonlyArray<readonly [from: number, to: number]>
}

/**
 * The outcome of a run. Always `updated + failed + alreadySynced ===
 * products`: a product that never ran is failed with reason
 * {@link notAttempted} (the run stopped early) or {@link notInTable}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyncReport {
  /** How fetches (and, row by row, writes) were scheduled. */
  readonly strategy: Strategy["name"]
  readonly limit: Strategy["limit"]
  /** `"row"`: one UPDATE per product; `"bulk"`: multi-row UPDATEs of `batchSize` rows. */
  readonly write: "row" | "bulk"
  /** Rows per write statement (1 row by row). */
  readonly batchSize: number
  readonly products: number
  /** Products this invocation updated. */
  readonly updated: number
  /** Products this invocation did not update; see `failures` for which and why. */
  readonly failed: number
  /** Products the resumed run had updated before this invocation; 0 for a new run. */
  readonly alreadySynced: number
  /** The failed products, grouped by reason, in order of first appearance. */
  readonly failures: ReadonlyArray<FailureGroup>
  /** Write statements sent, retries included. */
  readonly statements: number
  /** Statements run again after a transient failure, over the whole run. */
  readonly retries: number
  /** Times the server stopped answering (or dropped connections) and the run waited for it and went on. */
  readonly outages: number
  /** From Effect's `Clock`: virtual under `TestClock`. */
  readonly elapsedMs: number
  /** Most database connections this process had checked out at once during the run. */
  readonly peakConnections: number
  /** Why the run stopped before reading every id, when it did: `"interrupted"`, or the failure. */
  readonly stoppedBy?: string | undefined
  /** The run's id, as written to `sync_run_id`. */
  readonly runId: string
  /** Whether this invocation continued an earlier run. */
  readonly resumed: boolean
}

/**
 * Reason given to products the run never started because it stopped early.
 *
 * @since 0.1.0
 * @category models
 */
export const notAttempted = "not attempted"

/**
 * Reason given to products that were in flight when the run stopped and whose
 * write is not on the server.
 *
 * @since 0.1.0
 * @category models
 */
export const interrupted = "interrupted"

/**
 * Reason given to ids in the run's range that are not in the products table.
 *
 * @since 0.2.0
 * @category models
 */
export const notInTable = "not in the products table"

/**
 * Every failed product, one by one, in ascending id order: what `failures`
 * holds in compact form.
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
 * @since 0.2.0
 * @category getters
 */
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
 *
 * @example
 * ```ts
 * import { Cause } from "effect"
 * import { failureOf, ProductId, RepositoryError } from "poolwise/sync"
 *
 * const error = new RepositoryError({ operation: "updateStatus", message: "Too many connections", errno: 1040 })
 * console.log(failureOf(ProductId.make(7), Cause.fail(error)).errno) // => 1040
 * ```
 *
 * @since 0.1.0
 * @category reporting
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
