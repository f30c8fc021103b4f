/**
 * The embedded product store: no server, but the same limits as one.
 *
 * A statement takes one of `poolSize` pool connections (waiting in line if all
 * are busy), opens it on the "server", runs for `queryLatency` on Effect's
 * clock and gives the connection back. The server counts open connections and,
 * like MySQL past `max_connections`, refuses one more at once with errno 1040
 * "Too many connections". With a pool no larger than the cap that can never
 * happen; an unbounded fan-out over a pool larger than the cap is the incident.
 * During an `outage` the server does not answer at all: a statement that
 * starts then is refused (`ECONNREFUSED`), and one in flight when it begins
 * loses its connection, its write not applied.
 *
 * Simplification: a connection counts as open only while a statement uses it.
 * A real pool also keeps idle connections open, so a real server sees at least
 * as many. `stats` counts connections the server accepted: a refused attempt
 * never was a connection.
 *
 * @internal
 */
import { Clock, Duration, Effect, Either, Option } from "effect"
import * as defaults from "../defaults.ts"
import {
  check,
  finiteDuration,
  type InvalidOptionError,
  nonNegativeInteger,
  optional,
  positiveInteger,
  refuse,
  type Rule,
} from "../options/rules.ts"
import { makeConnectionGauge } from "./ConnectionGauge.ts"
import { makePoolGate } from "./PoolGate.ts"
import type { ProductId, ProductStatus } from "./Product.ts"
import { ProductNotFound, RepositoryError } from "./RepositoryError.ts"
import { SimulatedTable } from "./SimulatedTable.ts"
import type { ProductRepositoryShape, Store, SyncRun } from "./Store.ts"

/**
 * A time the simulated server is away: from `at` (after the store was built,
 * on Effect's clock) for `lasting`.
 */
export interface SimulatedOutage {
  readonly at: Duration.DurationInput
  readonly lasting: Duration.DurationInput
}

/** The simulated database's knobs (documented on `ProductRepository.layerSimulated`). */
export interface SimulatedDatabaseOptions {
  /** Pool connections (mysql2's `connectionLimit`); 10 by default, like mysql2. */
  readonly poolSize?: number | undefined
  /** The server's `max_connections`; 151 by default, like MySQL. */
  readonly maxConnections?: number | undefined
  /** Time each statement holds its connection; 1 ms by default. */
  readonly queryLatency?: Duration.DurationInput | undefined
  /** Products 1..n already in the table at start (named by `productName`), so tests need no timed setup. */
  readonly products?: number | undefined
  /** Times the server does not answer, as if it crashed and came back. */
  readonly outages?: ReadonlyArray<SimulatedOutage> | undefined
}

/** The error MySQL sends when `max_connections` is reached. */
export const tooManyConnections = (operation: string): RepositoryError =>
  new RepositoryError({
    operation,
    message: "Too many connections",
    errno: 1040,
    code: "ER_CON_COUNT_ERROR",
    sqlState: "08004",
  })

const unreachable = (operation: string) =>
  new RepositoryError({ operation, message: "connect ECONNREFUSED (simulated server down)", code: "ECONNREFUSED" })

const connectionLost = (operation: string) =>
  new RepositoryError({
    operation,
    message: "Connection lost: The server closed the connection.",
    code: "PROTOCOL_CONNECTION_LOST",
    fatal: true,
  })

// Each outage's `at` and `lasting` checked as `outages[i].at` and `outages[i].lasting`.
const outageList: Rule<Array<{ readonly at: Duration.Duration; readonly lasting: Duration.Duration }>> = (
  option,
  value,
) => {
  if (!Array.isArray(value)) return refuse(option, value, "expected an array of { at, lasting }")
  const checked: Array<{ readonly at: Duration.Duration; readonly lasting: Duration.Duration }> = []
  for (const [i, outage] of value.entries()) {
    const field = (key: string) =>
      finiteDuration(`${option}[${i}].${key}`, typeof outage === "object" && outage !== null ? outage[key] : undefined)
    const at = field("at")
    if (Either.isLeft(at)) return Either.left(at.left)
    const lasting = field("lasting")
    if (Either.isLeft(lasting)) return Either.left(lasting.left)
    checked.push({ at: at.right, lasting: lasting.right })
  }
  return Either.right(checked)
}

/** Builds the simulated store (see the module docs); every option is checked first. */
export const makeSimulatedRepository = (
  options: SimulatedDatabaseOptions = {},
): Effect.Effect<Store, InvalidOptionError> =>
  Effect.gen(function* () {
    const pool = yield* makePoolGate(options.poolSize ?? defaults.simulatedPoolSize)
    const maxConnections = (yield* check(optional(positiveInteger), "maxConnections", options.maxConnections)) ??
      defaults.simulatedMaxConnections
    const latency = (yield* check(optional(finiteDuration), "queryLatency", options.queryLatency)) ??
      defaults.simulatedQueryLatency
    const products = (yield* check(optional(nonNegativeInteger), "products", options.products)) ?? 0
    const outages = yield* check(outageList, "outages", options.outages ?? [])
    const gauge = yield* makeConnectionGauge
    let openOnServer = 0
    const table = new SimulatedTable(products)
    const runs: Array<SyncRun> = []
    const built = yield* Clock.currentTimeMillis
    const windows = outages.map((outage) => {
      const from = built + Duration.toMillis(outage.at)
      return { from, to: from + Duration.toMillis(outage.lasting) }
    })
    // Whether the server is down now (each statement reads the clock in a step of its own, no Clock effect).
    const isDown = (clock: Clock.Clock) => {
      if (windows.length === 0) return false
      const now = clock.unsafeCurrentTimeMillis()
      return windows.some(({ from, to }) => now >= from && now < to)
    }

    // Accepted by the server, the connection is counted by the gauge too: one region for both, not one each.
    const connect = (operation: string) =>
      Effect.clockWith((clock) => {
        if (isDown(clock)) return Effect.fail(unreachable(operation))
        if (openOnServer >= maxConnections) return Effect.fail(tooManyConnections(operation))
        openOnServer++
        gauge.enter()
        return Effect.void
      })
    const disconnect = Effect.sync(() => {
      openOnServer--
      gauge.leave()
    })
    const wait = Duration.isZero(latency) ? Effect.void : Effect.sleep(latency)
    // The server went away while the statement ran: its work is not applied.
    const survived = (operation: string) =>
      windows.length === 0
        ? Effect.void
        : Effect.clockWith((clock) => isDown(clock) ? Effect.fail(connectionLost(operation)) : Effect.void)

    // One statement: pool connection, server connection, latency, then the work.
    // The gauge counts from the server's accept: a refused attempt was never open.
    // Built once the pool connection is held: a statement waiting in line keeps only its work.
    const statement = <A, E>(operation: string, work: Effect.Effect<A, E>): Effect.Effect<A, E | RepositoryError> =>
      pool.whenConnected(() =>
        Effect.acquireUseRelease(
          connect(operation),
          () => wait.pipe(Effect.zipRight(survived(operation)), Effect.zipRight(work)),
          () => disconnect,
        )
      )

    const ensureProducts: ProductRepositoryShape["ensureProducts"] = (count, ensure = {}) =>
      Effect.gen(function* () {
        const total = yield* check(nonNegativeInteger, "count", count)
        const batchSize = (yield* check(optional(positiveInteger), "batchSize", ensure.batchSize)) ??
          defaults.insertBatchSize
        const name = ensure.name
        let inserted = 0
        for (let from = 1; from <= total; from += batchSize) {
          const to = Math.min(total, from + batchSize - 1)
          inserted += yield* statement(
            "ensureProducts",
            Effect.sync(() => {
              let added = 0
              for (let n = from; n <= to; n++) {
                if (table.has(n)) continue
                table.insert(n, name === undefined ? undefined : name(n as ProductId))
                added++
              }
              return added
            }),
          )
        }
        return inserted
      })

    const pageIds: ProductRepositoryShape["pageIds"] = ({ after, limit, upTo, run }) =>
      statement(
        "pageIds",
        Effect.sync(() => {
          const page: Array<ProductId> = []
          const last = upTo === undefined ? table.maxId : Math.min(table.maxId, upTo)
          // Ids are whole numbers: the first one above `after` is floor(after) + 1.
          for (let id = Math.max(1, Math.floor(after) + 1); id <= last && page.length < limit; id++) {
            if (!table.has(id)) continue
            if (run !== undefined && table.writtenBy(id, run.id) !== run.synced) continue
            page.push(id as ProductId)
          }
          return page
        }),
      )

    // A write with a run id leaves a row that run already wrote alone: idempotent per run.
    const write = (id: ProductId, status: ProductStatus, at: Date, runId: string | undefined) => {
      if (runId === undefined || !table.writtenBy(id, runId)) table.update(id, status, at, runId)
    }

    const updateStatus: ProductRepositoryShape["updateStatus"] = (id, status, syncedAt, runId) =>
      statement(
        "updateStatus",
        Effect.suspend(() => {
          if (!table.has(id)) return Effect.fail(new ProductNotFound({ id }))
          write(id, status, syncedAt, runId)
          return Effect.void
        }),
      )

    const updateStatuses: ProductRepositoryShape["updateStatuses"] = (rows, syncedAt, runId) =>
      rows.length === 0 ? Effect.succeed([]) : statement(
        "updateStatuses",
        Effect.sync(() => {
          const missing: Array<ProductId> = []
          for (const { id, status } of rows) {
            if (table.has(id)) write(id, status, syncedAt, runId)
            else missing.push(id)
          }
          return missing
        }),
      )

    const writtenBy: ProductRepositoryShape["writtenBy"] = (runId, ids) =>
      statement("writtenBy", Effect.sync(() => ids.filter((id) => table.writtenBy(id, runId))))

    const findById: ProductRepositoryShape["findById"] = (id) =>
      statement("findById", Effect.sync(() => (table.has(id) ? Option.some(table.row(id)) : Option.none())))

    // The sync_runs table. Its bookkeeping takes no connection and no time here, so
    // that `queryLatency` models the sync's own statements and makespans stay exact.
    const runLog: Pick<ProductRepositoryShape, "beginRun" | "completeRun" | "latestIncompleteRun"> = {
      beginRun: (run) => Effect.sync(() => void runs.push(run)),
      completeRun: (id, at) =>
        Effect.sync(() => {
          const index = runs.findIndex((run) => run.id === id)
          if (index >= 0) runs[index] = { ...runs[index]!, completedAt: at }
        }),
      latestIncompleteRun: Effect.sync(() => {
        for (let i = runs.length - 1; i >= 0; i--) if (runs[i]!.completedAt === null) return Option.some(runs[i]!)
        return Option.none()
      }),
    }

    return {
      repository: { ...runLog, ensureProducts, pageIds, updateStatus, updateStatuses, writtenBy, findById },
      connections: {
        ping: Effect.clockWith((clock) => isDown(clock) ? Effect.fail(unreachable("ping")) : Effect.void),
        // Nothing runs on a server after its fiber is interrupted here.
        cancelRunning: Effect.succeed(0),
        stats: gauge.stats,
        resetStats: gauge.reset,
      },
    }
  })
