/**
 * The B2B supplier's status API, simulated: seeded, deterministic, and slow
 * the way a remote API is, on Effect's clock.
 *
 * @since 0.1.0
 */
import { Context, Data, Duration, Effect, Either, Layer, ParseResult, Schema } from "effect"
import { type InvalidOptionError, positiveInteger } from "../strategies/InvalidOptionError.ts"
import { type ProductId, SupplierStatusRecord } from "./Product.ts"

/**
 * The supplier could not give a usable status for one product: it does not
 * know the product, or its answer did not decode.
 *
 * @since 0.1.0
 * @category errors
 */
export class SupplierError extends Data.TaggedError("SupplierError")<{
  readonly id: number
  readonly reason: string
}> {
  override get message(): string {
    return `Supplier status for product ${this.id}: ${this.reason}`
  }
}

// Compiled once: decoding an answer is then one synchronous pass, no Effect per call.
const decodeRecord = Schema.decodeUnknownEither(SupplierStatusRecord, { errors: "all" })

const malformed = (id: ProductId, error: ParseResult.ParseError): SupplierError =>
  new SupplierError({
    id,
    reason: `malformed status: ${
      ParseResult.ArrayFormatter.formatErrorSync(error)
        .map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`)
        .join("; ")
    }`,
  })

const checked = (id: ProductId, raw: unknown): Either.Either<SupplierStatusRecord, SupplierError> => {
  const decoded = decodeRecord(raw)
  if (Either.isLeft(decoded)) return Either.left(malformed(id, decoded.left))
  const record = decoded.right
  return record.id === id
    ? decoded as Either.Either<SupplierStatusRecord, never>
    : Either.left(new SupplierError({ id, reason: `answered for product ${record.id}` }))
}

/**
 * Checks a raw supplier answer for product `id`: it must decode as a
 * {@link SupplierStatusRecord} and be about `id`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { decodeSupplierStatus, ProductId } from "poolwise/sync"
 *
 * Effect.runSync(Effect.either(decodeSupplierStatus(ProductId.make(7), { id: 7, stock: -1, discontinued: false })))
 * // Left(SupplierError: "malformed status: stock: Expected a non-negative number, actual -1")
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeSupplierStatus = (id: ProductId, raw: unknown): Effect.Effect<SupplierStatusRecord, SupplierError> =>
  Effect.suspend(() => checked(id, raw))

/**
 * @since 0.1.0
 * @category services
 */
export class SupplierStatus extends Context.Tag("poolwise/SupplierStatus")<SupplierStatus, {
  /** The current status of one product, decoded and checked. */
  readonly fetch: (id: ProductId) => Effect.Effect<SupplierStatusRecord, SupplierError>
}>() {
  /** The seeded simulation; see {@link SimulatedSupplierOptions}. */
  static readonly layerSimulated = (
    options?: SimulatedSupplierOptions,
  ): Layer.Layer<SupplierStatus, InvalidOptionError> => Layer.effect(SupplierStatus, makeSimulatedSupplier(options))
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SimulatedSupplierOptions {
  /** Changes every product's latency spread and status; 1 by default. */
  readonly seed?: number | undefined
  /** Mean latency; each product takes mean × (0.5..1.5), fixed by id and seed. 50 ms by default. */
  readonly meanLatency?: Duration.DurationInput | undefined
  /** Exact latency, for tests: one for all, or per product. Overrides `meanLatency`. */
  readonly latency?: Duration.DurationInput | ((id: ProductId) => Duration.DurationInput) | undefined
  /** Products the supplier knows: ids above it answer "unknown product". All by default. */
  readonly catalogueSize?: number | undefined
  /** Raw answer to send instead of the real one (fault injection); `undefined` keeps the real one. */
  readonly respond?: ((id: ProductId) => unknown) | undefined
}

/**
 * A number in [0, 1) fixed by `seed`, `id` and `salt` (a 32-bit integer hash),
 * so runs repeat exactly.
 *
 * @example
 * ```ts
 * import { seededUnit } from "poolwise/sync"
 *
 * seededUnit(1, 42, 0) === seededUnit(1, 42, 0) // true
 * ```
 *
 * @since 0.1.0
 * @category fixtures
 */
export const seededUnit = (seed: number, id: number, salt: number): number => {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id, 0xc2b2ae35) ^ Math.imul(salt + 1, 0x27d4eb2f)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

/**
 * The status the simulated supplier reports for `id` under `seed`: about one
 * product in ten out of stock, one in twenty discontinued.
 *
 * @example
 * ```ts
 * import { ProductId, simulatedStatus } from "poolwise/sync"
 *
 * simulatedStatus(ProductId.make(1), 1) // same record on every call
 * ```
 *
 * @since 0.1.0
 * @category fixtures
 */
export const simulatedStatus = (id: ProductId, seed: number): SupplierStatusRecord =>
  new SupplierStatusRecord(simulatedAnswer(id, seed))

// The answer as it comes off the wire: a plain object, decoded by the caller.
const simulatedAnswer = (id: ProductId, seed: number) => ({
  id,
  stock: seededUnit(seed, id, 1) < 0.1 ? 0 : Math.floor(seededUnit(seed, id, 2) * 500) + 1,
  discontinued: seededUnit(seed, id, 3) < 0.05,
})

/**
 * The simulated supplier's latency for `id`: mean × (0.5..1.5), whole ms.
 *
 * @example
 * ```ts
 * import { ProductId, simulatedLatency } from "poolwise/sync"
 *
 * simulatedLatency(ProductId.make(1), 1, "100 millis") // between 50 and 150 ms
 * ```
 *
 * @since 0.1.0
 * @category fixtures
 */
export const simulatedLatency = (id: ProductId, seed: number, mean: Duration.DurationInput): Duration.Duration =>
  Duration.millis(Math.round(Duration.toMillis(mean) * (0.5 + seededUnit(seed, id, 0))))

/**
 * Builds the simulated supplier.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makeSimulatedSupplier, ProductId } from "poolwise/sync"
 *
 * const program = Effect.flatMap(makeSimulatedSupplier({ latency: "100 millis" }), (s) => s.fetch(ProductId.make(1)))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSimulatedSupplier = (options: SimulatedSupplierOptions = {}) =>
  Effect.gen(function* () {
    const seed = options.seed ?? 1
    const catalogueSize = options.catalogueSize === undefined
      ? Number.POSITIVE_INFINITY
      : yield* positiveInteger("catalogueSize", options.catalogueSize)
    const { latency, meanLatency = Duration.millis(50), respond } = options
    // One latency for every product is decoded once, and its sleep built once.
    const fixed = latency === undefined || typeof latency === "function" ? undefined : Duration.decode(latency)
    const fixedWait = fixed === undefined || Duration.isZero(fixed) ? Effect.void : Effect.sleep(fixed)
    const waitFor = (id: ProductId): Effect.Effect<void> => {
      const wait = latency === undefined
        ? simulatedLatency(id, seed, meanLatency)
        : Duration.decode((latency as (id: ProductId) => Duration.DurationInput)(id))
      return Duration.isZero(wait) ? Effect.void : Effect.sleep(wait)
    }

    // Every answer, the simulated ones included, is decoded as the wire's would be.
    const answer = (id: ProductId): Either.Either<SupplierStatusRecord, SupplierError> => {
      if (id > catalogueSize) return Either.left(new SupplierError({ id, reason: "unknown product" }))
      const injected = respond?.(id)
      return checked(id, injected === undefined ? simulatedAnswer(id, seed) : injected)
    }

    const fetch = fixed !== undefined
      ? (id: ProductId): Effect.Effect<SupplierStatusRecord, SupplierError> =>
        Effect.zipRight(fixedWait, Effect.suspend(() => answer(id)))
      : (id: ProductId): Effect.Effect<SupplierStatusRecord, SupplierError> =>
        Effect.suspend(() => Effect.zipRight(waitFor(id), Effect.suspend(() => answer(id))))

    return SupplierStatus.of({ fetch })
  })
