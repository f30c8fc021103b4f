/**
 * The run's record and the work: the record's INSERT is written while the
 * first page of ids is read, but no product starts (no supplier call, no
 * write) before it is in, and a record that cannot be written stops the run
 * before any product, in both write modes.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Layer } from "effect"
import { pooledStrategy } from "poolwise"
import { noRetries, type ProductId, RepositoryError, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { expectAccounted, notAttempted, settle, simulatedStoreWith, writeModes } from "./fixtures.ts"

/**
 * A store whose `beginRun` takes `hold` ms (then fails with `error`, if given), whose `completeRun` takes
 * `completeHold` ms, and whose writes take `writeHold` ms (product `failOn`'s batch failing); what happened when.
 */
const recordedStore = (
  products: number,
  options: {
    readonly hold: number
    readonly error?: RepositoryError
    readonly completeHold?: number
    readonly writeHold?: number
    readonly failOn?: number
  },
) => {
  const events: Array<string> = []
  const at = (what: string) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => void events.push(`${what}@${now}`)))
  const supplier = Layer.effect(
    SupplierStatus,
    Effect.map(SupplierStatus, (inner) => ({
      fetch: (id: ProductId) => Effect.zipRight(at(`fetch ${id}`), inner.fetch(id)),
    })),
  ).pipe(Layer.provide(SupplierStatus.layerSimulated({ seed: 1, latency: 0 })))
  const layer = Layer.merge(
    simulatedStoreWith({ products, poolSize: 5, queryLatency: 0 }, (repo) => ({
      ...repo,
      beginRun: (run) =>
        Effect.sleep(options.hold).pipe(
          Effect.zipRight(options.error === undefined ? repo.beginRun(run) : Effect.fail(options.error)),
          Effect.tap(() => at("recorded")),
        ),
      pageIds: (page) => Effect.zipRight(at(`page after ${page.after}`), repo.pageIds(page)),
      updateStatus: (...args) => Effect.zipRight(at("write"), repo.updateStatus(...args)),
      updateStatuses: (rows, ...rest) =>
        Effect.zipRight(at("write"), Effect.sleep(options.writeHold ?? 0)).pipe(
          Effect.zipRight(
            rows.some((row) => row.id === options.failOn)
              ? Effect.fail(new RepositoryError({ operation: "updateStatuses", message: "Data too long", errno: 1406 }))
              : repo.updateStatuses(rows, ...rest),
          ),
          Effect.tap(() => at("written")),
        ),
      completeRun: (id, when) =>
        at(`complete ${when.getTime()}`).pipe(
          Effect.zipRight(Effect.sleep(options.completeHold ?? 0)),
          Effect.zipRight(repo.completeRun(id, when)),
          Effect.zipRight(at("completed")),
        ),
    })),
    supplier,
  )
  return { layer, events }
}

const sync = (products: number, write: "row" | "bulk") =>
  Effect.flatMap(
    pooledStrategy({ concurrency: 2 }),
    (strategy) => settle(syncProductStatus({ strategy, products, write, batchSize: 2, pageSize: 3, retry: noRetries })),
  )

describe("the run's record is written beside the first id page, before any product starts", () => {
  for (const write of writeModes) {
    it.effect(`${write}: the first page is read while the record is written; no supplier call or write before it is in`, () => {
      const { layer, events } = recordedStore(6, { hold: 100 })
      return Effect.gen(function* () {
        const report = yield* sync(6, write)
        expect(report).toMatchObject({ products: 6, updated: 6, failed: 0 })
        expect(events[0]).toBe("page after 0@0")
        const recorded = events.indexOf("recorded@100")
        expect(recorded).toBeGreaterThan(0)
        const beforeRecord = events.slice(0, recorded)
        expect(beforeRecord.filter((e) => e.startsWith("fetch") || e.startsWith("write"))).toEqual([])
        expect(events.filter((e) => e.startsWith("fetch"))).toHaveLength(6)
      }).pipe(Effect.provide(layer))
    })

    it.effect(`${write}: a record that cannot be written stops the run: no supplier call, no write, all not attempted`, () => {
      const error = new RepositoryError({
        operation: "beginRun",
        message: "Table 'sync_runs' is read only",
        errno: 1036,
      })
      const { layer, events } = recordedStore(6, { hold: 100, error })
      return Effect.gen(function* () {
        const report = yield* sync(6, write)
        expectAccounted(report)
        expect(report).toMatchObject({ updated: 0, failed: 6, statements: 0 })
        expect(report.stoppedBy).toBe("could not record the run: Table 'sync_runs' is read only")
        expect(report.failures).toMatchObject([{ reason: notAttempted, count: 6 }])
        expect(events.filter((e) => e.startsWith("fetch") || e.startsWith("write"))).toEqual([])
      }).pipe(Effect.provide(layer))
    })
  }
})

describe("the run is marked complete as the write that completes it lands, and the job waits for it", () => {
  it.effect("bulk: completeRun starts when the last batch is written, with that time; the job returns after it", () => {
    const { layer, events } = recordedStore(6, { hold: 0, writeHold: 50, completeHold: 100 })
    return Effect.gen(function* () {
      const report = yield* Effect.zipLeft(
        sync(6, "bulk"),
        Effect.suspend(() => Effect.sync(() => events.push("returned"))),
      )
      expect(report).toMatchObject({ updated: 6, failed: 0 })
      // Batches of 2, two at a time, 50 ms each: the last lands at 100.
      expect(events.filter((e) => e.startsWith("written")).at(-1)).toBe("written@100")
      const complete = events.filter((e) => e.startsWith("complete"))
      expect(complete).toEqual(["complete 100@100", "completed@200"])
      expect(events.at(-1)).toBe("returned")
    }).pipe(Effect.provide(layer))
  })

  it.effect("bulk: a run with a failed product is not marked complete (a resume finds it)", () => {
    const { layer, events } = recordedStore(6, { hold: 0, writeHold: 50, failOn: 5 })
    return Effect.gen(function* () {
      const report = yield* sync(6, "bulk")
      expect(report).toMatchObject({ updated: 4, failed: 2 })
      expect(events.filter((e) => e.startsWith("complete"))).toEqual([])
    }).pipe(Effect.provide(layer))
  })
})
