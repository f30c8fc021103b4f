/**
 * Every option of poolwise/sync and poolwise/sql obeys the kit's rules: the
 * same bad values are refused by each, before any work, naming the option,
 * with one message shape. A bad option refuses the run; it is never a failure
 * per product.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { pooledStrategy } from "poolwise"
import { layerMysql } from "poolwise/sql"
import {
  defaultRetryPolicy,
  ProductRepository,
  retrySchedule,
  SupplierStatus,
  type SyncOptions,
  syncProductStatus,
} from "poolwise/sync"
import { readAll, settle, simulated } from "./fixtures.ts"

const messageShape = /^Invalid option "[^"]+": .+, got .+$/

/** Not whole numbers ≥ 0 (and, for counts that must be ≥ 1, 0 as well). */
const notWhole: ReadonlyArray<unknown> = [
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1.5,
  "abc",
  2 ** 53,
]
/** Not finite durations ≥ 0. */
const notDuration: ReadonlyArray<unknown> = [
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  "abc",
  "-5 seconds",
]

const expectRefused = (error: unknown, option: string, value: unknown) => {
  expect(error).toMatchObject({ _tag: "InvalidOptionError", option })
  expect(Object.is((error as { value: unknown }).value, value)).toBe(true)
  expect((error as Error).message).toMatch(messageShape)
}

// Products 1..3 in the store; a run that started any work would write at least one of them.
const jobOptions: ReadonlyArray<readonly [option: string, bad: ReadonlyArray<unknown>, set: (v: unknown) => object]> = [
  ["products", notWhole, (v) => ({ products: v })],
  ["batchSize", [0, ...notWhole], (v) => ({ write: "bulk", batchSize: v })],
  ["pageSize", [0, ...notWhole], (v) => ({ pageSize: v })],
  ["itemTimeout", notDuration, (v) => ({ itemTimeout: v })],
  ["write", ["rows", 1], (v) => ({ write: v })],
  ["runId", ["", "a b", "x".repeat(65)], (v) => ({ runId: v })],
  ["retry.times", notWhole, (v) => ({ retry: { ...defaultRetryPolicy, times: v } })],
  ["retry.refusedTimes", notWhole, (v) => ({ retry: { ...defaultRetryPolicy, refusedTimes: v } })],
  ["retry.base", notDuration, (v) => ({ retry: { ...defaultRetryPolicy, base: v } })],
  ["retry.cap", notDuration, (v) => ({ retry: { ...defaultRetryPolicy, cap: v } })],
  ["retry.serverWait", notDuration, (v) => ({ retry: { ...defaultRetryPolicy, serverWait: v } })],
  ["retry.jitter", ["yes", 1], (v) => ({ retry: { ...defaultRetryPolicy, jitter: v } })],
  ["onItemDone", ["log"], (v) => ({ onItemDone: v })],
  ["interruptWhen", [1_000], (v) => ({ interruptWhen: v })],
  ["resume", ["yes"], (v) => ({ resume: v })],
]

describe("syncProductStatus refuses every bad option before any work, naming it", () => {
  for (const [option, bad, set] of jobOptions) {
    it.effect(`${option}: ${bad.map((v) => typeof v === "string" ? JSON.stringify(v) : String(v)).join(", ")}`, () =>
      Effect.gen(function* () {
        const strategy = yield* pooledStrategy({ concurrency: 2 })
        for (const value of bad) {
          const options = { strategy, products: 3, ...set(value) } as SyncOptions
          const error = yield* Effect.flip(settle(syncProductStatus(options)))
          expectRefused(error, option, value)
        }
        // Nothing was written: every refusal came before the first statement.
        expect((yield* settle(readAll(3))).every((product) => product.syncedAt === null)).toBe(true)
      }).pipe(Effect.provide(simulated({ products: 3 }))))
  }

  it.effect('the issue\'s example: itemTimeout -1 refuses the run instead of timing every product out "after 0"', () =>
    Effect.gen(function* () {
      const strategy = yield* pooledStrategy({ concurrency: 2 })
      const error = yield* Effect.flip(settle(syncProductStatus({ strategy, products: 3, itemTimeout: -1 })))
      expect(error.message).toBe(
        'Invalid option "itemTimeout": expected a finite duration ≥ 0 (milliseconds, or a string such as "5 seconds"), got -1',
      )
    }).pipe(Effect.provide(simulated({ products: 3 }))))
})

const built = <A, E>(layer: Layer.Layer<A, E>) => Effect.flip(Effect.scoped(Layer.build(layer)))

describe("the layers refuse every bad option before they do anything", () => {
  const cases: ReadonlyArray<
    readonly [name: string, bad: ReadonlyArray<unknown>, layer: (v: unknown) => Layer.Layer<never, unknown>]
  > = [
    ["poolSize", [0, ...notWhole], (v) => ProductRepository.layerSimulated({ poolSize: v as number })],
    ["maxConnections", [0, ...notWhole], (v) => ProductRepository.layerSimulated({ maxConnections: v as number })],
    ["queryLatency", notDuration, (v) => ProductRepository.layerSimulated({ queryLatency: v as number })],
    ["products", notWhole, (v) => ProductRepository.layerSimulated({ products: v as number })],
    [
      "outages[0].lasting",
      notDuration,
      (v) => ProductRepository.layerSimulated({ outages: [{ at: 10, lasting: v as number }] }),
    ],
    ["seed", notWhole, (v) => SupplierStatus.layerSimulated({ seed: v as number })],
    ["meanLatency", notDuration, (v) => SupplierStatus.layerSimulated({ meanLatency: v as number })],
    ["latency", notDuration, (v) => SupplierStatus.layerSimulated({ latency: v as number })],
    ["catalogueSize", [0, ...notWhole], (v) => SupplierStatus.layerSimulated({ catalogueSize: v as number })],
    ["capacity", [0, ...notWhole], (v) => SupplierStatus.layerSimulated({ capacity: v as number })],
    ["refuseAbove", [0, ...notWhole], (v) => SupplierStatus.layerSimulated({ capacity: 1, refuseAbove: v as number })],
    // A closed port: had the layer tried to connect, the error would be a DatabaseConnectionError.
    ...(["poolSize", "connectTimeout", "serverWait"] as const).map((option) =>
      [
        `layerMysql ${option}`,
        option === "poolSize" ? [0, ...notWhole] : notDuration,
        (v: unknown) => layerMysql({ url: Redacted.make("mysql://root@127.0.0.1:1/none"), [option]: v }),
      ] as const
    ),
    [
      "ProductRepository.layerMysql lockWaitTimeout",
      notDuration,
      (v) =>
        ProductRepository.layerMysql({
          url: Redacted.make("mysql://root@127.0.0.1:1/none"),
          lockWaitTimeout: v as number,
        }),
    ],
    [
      // A deadline of zero could never be met: refused like a negative one.
      "ProductRepository.layerMysql statementTimeout",
      [0, "0 seconds", ...notDuration],
      (v) =>
        ProductRepository.layerMysql({
          url: Redacted.make("mysql://root@127.0.0.1:1/none"),
          statementTimeout: v as number,
        }),
    ],
  ]
  for (const [name, bad, layer] of cases) {
    it.effect(`${name}: ${bad.length} bad values`, () =>
      Effect.gen(function* () {
        const option = name.split(" ").at(-1)!
        for (const value of bad) expectRefused(yield* built(layer(value)), option, value)
      }))
  }

  it.effect("ensureProducts: count and batchSize", () =>
    Effect.gen(function* () {
      const products = yield* ProductRepository
      for (const value of notWhole) {
        expectRefused(yield* Effect.flip(products.ensureProducts(value as number)), "count", value)
      }
      for (const value of [0, ...notWhole]) {
        expectRefused(
          yield* Effect.flip(products.ensureProducts(3, { batchSize: value as number })),
          "batchSize",
          value,
        )
      }
    }).pipe(Effect.provide(ProductRepository.layerSimulated())))

  it.effect('retrySchedule: the issue\'s example, base -1 and cap "-5 seconds", is refused (the first field named)', () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(retrySchedule({ times: 1, base: -1, cap: "-5 seconds" }))
      expectRefused(error, "retry.base", -1)
      expectRefused(
        yield* Effect.flip(retrySchedule({ times: 1, base: 1, cap: "-5 seconds" })),
        "retry.cap",
        "-5 seconds",
      )
    }))
})
