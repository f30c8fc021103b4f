/**
 * An adaptive limit on a real MariaDB: the job's account is capped by
 * MAX_USER_CONNECTIONS below its pool, so writes past the cap are refused
 * (1226). A refused write is retried with backoff, and its task tells the
 * limit of the overload even when a retry gets past it: the limit backs off
 * after the first refusals, and the run ends with every product updated.
 * Asserts outcomes only (no durations).
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Clock, Context, Effect, Layer } from "effect"
import mysql from "mysql2/promise"
import { adaptive, pooledStrategy } from "poolwise"
import { ProductRepository, RepositoryError, SupplierStatus, syncProductStatus } from "poolwise/sync"
import { openHarness } from "./harness.ts"

const harness = await openHarness("adaptive")

const products = 80
const cap = 3
const pool = 8

describe.skipIf(harness === undefined)("an adaptive limit against a user capped by MAX_USER_CONNECTIONS", () => {
  const h = harness!

  beforeAll(async () => {
    await Effect.runPromise(
      Effect.flatMap(ProductRepository, (repo) => repo.ensureProducts(products)).pipe(
        Effect.provide(ProductRepository.layerMysql({ url: h.url(), poolSize: 2 })),
      ),
    )
  })
  afterAll(() => h.cleanup())

  it.live(`a pool of ${pool} over a cap of ${cap}: the limit backs off after the first refusals, and every product is updated`, () =>
    Effect.gen(function* () {
      const user = yield* Effect.promise(() => h.createUser("capped", cap))
      const refusedAt: Array<number> = []
      // The live stack, each refused write (1226/1203) noted with its time.
      const stack = Layer.merge(
        Layer.map(ProductRepository.layerMysql({ url: h.url({ user }), poolSize: pool }), (context) => {
          const repo = Context.get(context, ProductRepository)
          return Context.add(context, ProductRepository, {
            ...repo,
            updateStatus: (...args) =>
              repo.updateStatus(...args).pipe(
                Effect.tapError((error) =>
                  error instanceof RepositoryError && (error.errno === 1226 || error.errno === 1203)
                    ? Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => refusedAt.push(now)))
                    : Effect.void
                ),
              ),
          })
        }),
        SupplierStatus.layerSimulated({ latency: "20 millis" }),
      )
      const limit = yield* adaptive({ min: 1, max: 2 * pool, initial: pool })
      const report = yield* Effect.flatMap(pooledStrategy({ concurrency: limit }), (strategy) =>
        syncProductStatus({
          strategy,
          products,
          // Refusals retried long enough for the limit to come down to the cap.
          retry: { times: 8, base: "20 millis", cap: "500 millis", refusedTimes: 12 },
        })).pipe(Effect.provide(stack))
      yield* Effect.promise(() => h.waitForDrain(user))

      expect(report).toMatchObject({ updated: products, failed: 0 })
      const [rows] = yield* Effect.promise(() =>
        h.admin.query(`SELECT COUNT(*) AS n FROM ${mysql.escapeId(h.database)}.products WHERE synced_at IS NOT NULL`)
      )
      expect(Number((rows as Array<{ n: number }>)[0]!.n)).toBe(products)
      // Refused at first (the pool opened more connections than the account may have)…
      expect(refusedAt.length).toBeGreaterThan(0)
      const history = limit.unsafeHistory()
      expect(history.every((change) => change.limit >= 1 && change.limit <= 2 * pool)).toBe(true)
      // …then the limit came down for the overload: cuts after the first refusal, each below the limit before it.
      const first = Math.min(...refusedAt)
      const cuts = history.flatMap((change, i) =>
        i > 0 && change.at >= first && change.reason === "overload" && change.limit < history[i - 1]!.limit
          ? [change]
          : []
      )
      expect(cuts.length).toBeGreaterThan(0)
      // It ends below its max: the probing that followed each cut never took it back up there.
      expect(history.at(-1)!.limit).toBeLessThan(2 * pool)
    }))
})
