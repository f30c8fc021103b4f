/**
 * The one sync engine behind `syncProductStatus` (and a cluster's pages):
 * products `from..to` read page by page, each one's status fetched from the
 * supplier and written, row by row or in multi-row batches, scheduled by a
 * strategy; every statement retried by kind of failure and guarded against a
 * server that goes away; one tally, one way to stop.
 *
 * @internal
 */
import { Cause, Deferred, Duration, Effect, FiberId, Option, Schedule, Stream } from "effect"
import type { Progress } from "../../progress/Progress.ts"
import type { Strategy } from "../../strategies/Strategy.ts"
import * as defaults from "../defaults.ts"
import { isOverloadError } from "../limits/adaptiveOptions.ts"
import { reportOverload } from "../limits/overloadSignal.ts"
import { drainOver, streamOver } from "../strategies/strategyStream.ts"
import { withTaskTimeout } from "../strategies/timeout.ts"
import { batchesOf } from "./batches.ts"
import type { ProductId, ProductStatus } from "./Product.ts"
import { productIds } from "./productIds.ts"
import { ProductRepository } from "./ProductRepository.ts"
import { type CheckedRetryPolicy, retrying, retryScheduleOf } from "./retry.ts"
import { makeServerGate } from "./ServerGate.ts"
import type { PageRequest, StatusRow } from "./Store.ts"
import { StoreConnections } from "./StoreConnections.ts"
import { SupplierError, tooManyRequests } from "./SupplierError.ts"
import { SupplierStatus } from "./SupplierStatus.ts"
import { failureOf, interrupted, notInTable, type SyncFailure, unknownOutcome } from "./SyncReport.ts"
import { Tally } from "./Tally.ts"

/** What the engine is asked to do; every value already validated. */
export interface EngineOptions {
  readonly strategy: Strategy
  readonly write: "row" | "bulk"
  readonly batchSize: number
  readonly pageSize: number
  readonly policy: CheckedRetryPolicy
  readonly itemTimeout: Duration.Duration | undefined
  readonly progress: Progress | undefined
  readonly interruptWhen: Effect.Effect<unknown> | undefined
  readonly onItemDone: ((event: ItemDone) => Effect.Effect<void>) | undefined
  readonly runId: string
  readonly from: number
  readonly to: number
  /** Count the products this run already wrote as `alreadySynced`, and skip them. */
  readonly resumed: boolean
  /** The run's record being written: ids are read meanwhile, no product starts until it is in; failed, none. */
  readonly recorded?: Effect.Effect<void, { readonly message: string }> | undefined
  /** Called in the step a bulk write brings every product to updated (or already synced): the run can complete. */
  readonly allWritten?: (() => void) | undefined
}

/** Reported once per product as soon as it is settled, e.g. for a progress bar. */
export interface ItemDone {
  readonly id: ProductId
  readonly outcome: "updated" | "failed"
  /** Why it failed; absent when updated. */
  readonly reason?: string | undefined
  /** Products settled so far, this one included. */
  readonly done: number
  readonly total: number
}

export interface EngineResult {
  readonly tally: Tally
  readonly stoppedBy: string | undefined
  readonly retries: number
  readonly statements: number
  readonly outages: number
}

export const runEngine = (
  options: EngineOptions,
): Effect.Effect<EngineResult, never, ProductRepository | StoreConnections | SupplierStatus> =>
  Effect.scoped(Effect.gen(function* () {
    const { strategy, policy, progress, onItemDone, runId, from, to } = options
    const store = yield* ProductRepository
    const connections = yield* StoreConnections
    const supplier = yield* SupplierStatus
    const scope = yield* Effect.scope
    const tally = new Tally(from, to)
    const total = to - from + 1
    let retries = 0
    let statements = 0
    let stoppedBy: string | undefined

    // One way to stop: a reason, and (for interruptWhen or a server that never came
    // back) the work interrupted. A failed page read only stops the reading.
    const halted = Deferred.unsafeMake<void>(FiberId.none)
    const stopReading = (reason: string) => Effect.sync(() => void (stoppedBy ??= reason))
    const halt = (reason: string) => Effect.zipRight(stopReading(reason), Deferred.succeed(halted, undefined))
    const countRetry = Effect.sync(() => void retries++)
    // Every statement: through the server gate (closed while the server is away), retried by the one schedule.
    const gate = yield* makeServerGate({ ping: connections.ping, serverWait: policy.serverWait, giveUp: halt })
    // A refused connection (1040, 1203, 1226) tells an adaptive limit of the overload, even if a retry gets past it.
    const overload = (error: unknown) => isOverloadError(error) ? reportOverload : Effect.void
    const retry = retrying(retryScheduleOf(policy, { waitForServer: gate.waitForServer }), countRetry, overload)
    const resilient = <A, E>(statement: Effect.Effect<A, E>): Effect.Effect<A, E> => retry(gate.pass(statement))
    // One step per attempt: the gate looked at (waited at only during an outage) and the clock read as the write
    // is built. A write that succeeds at once costs that step and the retry's handler, no schedule.
    const written = <A, E>(write: (syncedAt: Date) => Effect.Effect<A, E>) => {
      const attempt: Effect.Effect<A, E> = Effect.clockWith((clock) => {
        const wait = gate.closed()
        if (wait !== undefined) return Effect.zipRight(wait, attempt)
        statements++
        return write(new Date(clock.unsafeCurrentTimeMillis()))
      })
      return retry(attempt)
    }

    const after = (id: ProductId, failure: SyncFailure | undefined): Effect.Effect<void> => {
      const ended = progress === undefined ? Effect.void : progress.end(failure === undefined)
      if (onItemDone === undefined) return ended
      const event: ItemDone = {
        id,
        outcome: failure === undefined ? "updated" : "failed",
        reason: failure?.reason,
        done: tally.settled,
        total,
      }
      return Effect.zipRight(ended, Effect.catchAllCause(onItemDone(event), () => Effect.void))
    }
    const tells = progress !== undefined || onItemDone !== undefined
    const succeeded = (id: ProductId) => Effect.suspend(() => tally.succeed(id) ? after(id, undefined) : Effect.void)
    const failed = (failure: SyncFailure) =>
      Effect.suspend(() => tally.fail(failure.id, failure) ? after(failure.id, failure) : Effect.void)
    // An interrupted product stays "started": whether its write landed is asked once the run stops (so does one
    // whose end an interrupt overtakes: its handler is skipped). The tally is counted in the handler's own step.
    const settle = (id: ProductId) => ({
      onSuccess: () => tally.succeed(id) && tells ? after(id, undefined) : Effect.void,
      onFailure: (cause: Cause.Cause<unknown>) =>
        Cause.isInterruptedOnly(cause) ? Effect.void : failed(failureOf(id, cause)),
    })

    // A supplier's "too many requests" is tried again, backing off as a statement does: the call was not served.
    const supplierBackoff = Schedule.exponential(Duration.millis(policy.baseMillis)).pipe(
      Schedule.union(Schedule.spaced(Duration.millis(policy.capMillis))),
      Schedule.intersect(Schedule.recurs(policy.times)),
      (schedule) => policy.jitter ? Schedule.jittered(schedule) : schedule,
      Schedule.tapOutput(() => countRetry),
    )
    const refused = (error: unknown) => error instanceof SupplierError && error.reason === tooManyRequests
    const supplierRetry = retrying(
      Schedule.asVoid(Schedule.whileInput(supplierBackoff, refused)),
      Effect.void,
      (error) => refused(error) ? reportOverload : Effect.void,
    )
    // The decoded record is the status (it has `stock` and `discontinued`): no copy per product. The retry's
    // schedule starts only after a failure (see `retrying`): an answer at once costs one handler.
    const fetch = (id: ProductId): Effect.Effect<ProductStatus, unknown> => supplierRetry(supplier.fetch(id))
    const timed = <A>(task: (id: ProductId) => Effect.Effect<A, unknown>) =>
      options.itemTimeout === undefined
        ? task
        : (id: ProductId) => withTaskTimeout(task, options.itemTimeout!)(id, id - from)

    // Row by row: one task per product, fetch then write (the item timeout covers both).
    const syncRow = timed((id) =>
      Effect.flatMap(fetch(id), (status) => written((at) => store.updateStatus(id, status, at, runId)))
    )
    // Started in the same step as the row's work is built: no separate effect per product to count it.
    const startRow = (id: ProductId) =>
      Effect.suspend(() => {
        tally.start(id)
        return progress === undefined ? syncRow(id) : Effect.zipRight(progress.begin, syncRow(id))
      })
    // Run for its effects: no result per product offered to the strategy's output and read back (strategyStream.ts).
    const rowByRow = <E>(ids: Stream.Stream<ProductId, E>) =>
      drainOver(strategy, ids, (id) => Effect.matchCauseEffect(startRow(id), settle(id)))

    // Bulk: each supplier call a strategy task of its own (the strategy's limit, rate or adaptive limit governs
    // the supplier's calls), its answer gathered into the batch being filled; one multi-row UPDATE per batch,
    // the batches run by the same strategy. Per product: one task, one step to start it, one to settle it.
    const fetchStatus = timed(fetch)
    // Its handlers are passed inline: a named closure per product costs a `name` property under a loader that
    // keeps names (tsx, as the bench runs).
    const fetched = (id: ProductId): Effect.Effect<StatusRow | undefined> =>
      Effect.catchAllCause(
        Effect.suspend(() => {
          tally.start(id)
          const status = progress === undefined ? fetchStatus(id) : Effect.zipRight(progress.begin, fetchStatus(id))
          return Effect.map(status, (status): StatusRow | undefined => ({ id, status }))
        }),
        (cause) =>
          Cause.isInterruptedOnly(cause)
            ? Effect.failCause(cause as Cause.Cause<never>)
            : Effect.as(failed(failureOf(id, cause)), undefined),
      )
    const writeBatch = (rows: ReadonlyArray<StatusRow>): Effect.Effect<void> =>
      written((at) => store.updateStatuses(rows, at, runId)).pipe(
        Effect.matchCauseEffect({
          onSuccess: (missing) => {
            // Counted in one loop; an effect per product only for a tracker or a callback to tell.
            const absent = missing.length === 0 ? undefined : new Set<number>(missing)
            const told: Array<Effect.Effect<void>> = []
            for (const { id } of rows) {
              if (absent?.has(id) === true) told.push(failed({ id, reason: notInTable }))
              else if (tally.succeed(id) && tells) told.push(after(id, undefined))
            }
            if (options.allWritten !== undefined && tally.updated + tally.alreadySynced === total) {
              options.allWritten()
            }
            return told.length === 0 ? Effect.void : Effect.all(told, { discard: true })
          },
          onFailure: (cause) =>
            Cause.isInterruptedOnly(cause)
              ? Effect.failCause(cause as Cause.Cause<never>)
              : Effect.forEach(rows, ({ id }) => failed(failureOf(id, cause)), { discard: true }),
        }),
      )
    // The answers have room for a batch while the writes (the slower side) catch up, so a supplier call's task
    // seldom waits to hand its answer on; the writes are run for their effects.
    const bulk = <E>(ids: Stream.Stream<ProductId, E>) =>
      drainOver(
        strategy,
        batchesOf(streamOver(strategy, ids, fetched, options.batchSize), options.batchSize),
        writeBatch,
      )

    // Ids page by page; a page read that still fails after its retries ends the
    // stream (products already started finish) and says why.
    const pages = { pageIds: (page: PageRequest) => resilient(store.pageIds(page)) }
    const ids = (run: { readonly id: string; readonly synced: boolean } | undefined) =>
      productIds(pages, { from, upTo: to, pageSize: options.pageSize, run }).pipe(
        Stream.catchAll((error) => Stream.execute(stopReading(`could not read product ids: ${error.message}`))),
      )
    // No product starts before the run's record is in: its pages are handed on only then (checked once a page).
    let recorded = options.recorded === undefined
    const record = options.recorded === undefined ? Effect.void : options.recorded.pipe(
      Effect.matchEffect({
        onSuccess: () => Effect.sync(() => void (recorded = true)),
        onFailure: (error) => Effect.zipRight(halt(`could not record the run: ${error.message}`), Effect.never),
      }),
    )
    const afterRecord = <E>(ids: Stream.Stream<ProductId, E>) =>
      options.recorded === undefined
        ? ids
        : Stream.mapChunksEffect(ids, (page) => recorded ? Effect.succeed(page) : Effect.as(record, page))

    const work = Effect.gen(function* () {
      if (options.resumed) {
        // Counted as done on the tracker too: its total is the run's own count (syncProductStatus.ts).
        const counted = progress === undefined ? Effect.void : Effect.zipRight(progress.begin, progress.end(true))
        yield* Stream.runForEach(
          ids({ id: runId, synced: true }),
          (id) => Effect.zipRight(Effect.sync(() => tally.markAlreadySynced(id)), counted),
        )
      }
      if (stoppedBy !== undefined) return
      const todo = afterRecord(ids(options.resumed ? { id: runId, synced: false } : undefined))
      // The strategy was validated when it was made and the options here are fixed: a refusal would be a bug.
      yield* (options.write === "row" ? rowByRow(todo) : bulk(todo)).pipe(Effect.orDie)
    })
    if (options.interruptWhen !== undefined) {
      yield* Effect.forkIn(Effect.flatMap(options.interruptWhen, () => halt(interrupted)), scope)
    }
    // Racing the halt interrupts the work and waits until every fiber has stopped.
    yield* Effect.raceFirst(work, Deferred.await(halted))

    // Products cut off mid-write: cancel what still runs on the server (on an
    // interrupt; a server that went away has nothing running), then ask which
    // writes landed, so the report and a later resume agree row for row. A
    // server that does not answer gets `stopBudget`: what could not be asked
    // is "unknown", and a resume settles it.
    // Which of `ids` the run wrote, asked 500 ids per statement.
    const writtenOf = (ids: ReadonlyArray<ProductId>) =>
      Effect.map(
        Effect.forEach(
          Array.from({ length: Math.ceil(ids.length / 500) }, (_, i) => ids.slice(i * 500, i * 500 + 500)),
          (chunk) => store.writtenBy(runId, chunk),
        ),
        (chunks) => chunks.flat(),
      )
    const cutOff = Array.from(tally.inFlight())
    if (cutOff.length > 0) {
      const landed = yield* Effect.gen(function* () {
        if (stoppedBy === interrupted) yield* connections.cancelRunning
        return yield* writtenOf(cutOff)
      }).pipe(Effect.timeout(defaults.stopBudget), Effect.option)
      const landedIds = new Set<number>(Option.getOrElse(landed, () => []))
      const otherwise = Option.isSome(landed) ? interrupted : unknownOutcome
      yield* Effect.forEach(
        cutOff,
        (id) => landedIds.has(id) ? succeeded(id) : failed({ id, reason: otherwise }),
        { discard: true },
      )
    }
    // Resumed, the same range can run twice at once (a cluster page redelivered beside its resend): a product the
    // other copy wrote between the two id reads is in neither. Asked once, before it is called missing.
    const unread = options.resumed && stoppedBy === undefined ? Array.from(tally.untouched()) : []
    if (unread.length > 0) {
      const written = yield* resilient(writtenOf(unread)).pipe(Effect.orElseSucceed(() => []))
      for (const id of written) tally.markAlreadySynced(id)
    }
    tally.close(stoppedBy !== undefined)
    return { tally, stoppedBy, retries, statements, outages: gate.outages() }
  }))
