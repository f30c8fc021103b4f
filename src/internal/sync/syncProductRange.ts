/**
 * The job's engine over products `from..to` under an existing run, with no
 * run bookkeeping: what one page of a job split across processes runs
 * (poolwise/cluster). Writes are idempotent per run, so running a range again
 * (a redelivered page) writes nothing twice.
 *
 * @internal
 */
import { Clock, Effect } from "effect"
import { check, type InvalidOptionError, positiveInteger, wholeNumber } from "../options/rules.ts"
import { runEngine } from "./syncEngine.ts"
import type { ProductRepository } from "./ProductRepository.ts"
import { checkRunId } from "./runId.ts"
import { StoreConnections } from "./StoreConnections.ts"
import type { SupplierStatus } from "./SupplierStatus.ts"
import { checkSharedOptions, type SharedOptions, toReport } from "./syncProductStatus.ts"
import type { SyncReport } from "./SyncReport.ts"

/** Products `from..to` (`to` may be `from - 1`: an empty range) under run `runId`. */
export interface SyncRangeOptions extends SharedOptions {
  readonly from: number
  readonly to: number
  readonly runId: string
  /**
   * Skip the products the run already wrote (one read of the range's ids),
   * counting them as `alreadySynced`, instead of fetching them again only for
   * the write to match nothing. False by default.
   */
  readonly resumed?: boolean | undefined
}

/** Syncs products `from..to` under run `runId`; the report counts only them. */
export const syncProductRange = (
  options: SyncRangeOptions,
): Effect.Effect<SyncReport, InvalidOptionError, ProductRepository | StoreConnections | SupplierStatus> =>
  Effect.gen(function* () {
    const settings = yield* checkSharedOptions(options)
    const from = yield* check(positiveInteger, "from", options.from)
    const to = yield* check(wholeNumber({ min: from - 1 }), "to", options.to)
    yield* checkRunId(options.runId)
    const connections = yield* StoreConnections
    const started = yield* Clock.currentTimeMillis
    const engine = { ...settings, runId: options.runId, from, to, resumed: options.resumed === true }
    const result = yield* runEngine(engine)
    return toReport(engine, result, {
      products: to - from + 1,
      elapsedMs: (yield* Clock.currentTimeMillis) - started,
      peakConnections: (yield* connections.stats).peakConnections,
      resumed: false,
    })
  })
