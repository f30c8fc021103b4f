/**
 * What the supplier says about one product, checked: an answer that decodes
 * as a `SupplierStatusRecord` about that product, or a `SupplierError`.
 *
 * @internal
 */
import { Data, Effect, Either, ParseResult, Schema } from "effect"
import { type ProductId, SupplierStatusRecord } from "./Product.ts"

/**
 * The supplier could not give a usable status for one product: it does not
 * know the product, or its answer did not decode.
 */
export class SupplierError extends Data.TaggedError("SupplierError")<{
  readonly id: number
  readonly reason: string
}> {
  override get message(): string {
    return `Supplier status for product ${this.id}: ${this.reason}`
  }
}

/** The reason of a supplier's refusal for overload (an HTTP 429): a retry later may get through. */
export const tooManyRequests = "too many requests"

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

// An answer the schema certainly accepts (an object about `id`, stock a safe integer ≥ 0, a boolean flag) is
// built at once, by the class's constructor with its validation off (the checks here are the schema's own): the
// schema's pass and the constructor's check cost about 17 µs a product (issue 22's profile). Anything else takes
// the schema's path, with its messages.
const plainAnswer = (id: ProductId, raw: unknown): SupplierStatusRecord | undefined => {
  if (typeof raw !== "object" || raw === null) return undefined
  const { id: about, stock, discontinued } = raw as { id?: unknown; stock?: unknown; discontinued?: unknown }
  return about === id && Number.isSafeInteger(id) && id > 0 && typeof stock === "number" &&
      Number.isSafeInteger(stock) && stock >= 0 &&
      typeof discontinued === "boolean"
    ? new SupplierStatusRecord({ id, stock, discontinued }, true)
    : undefined
}

/** A raw answer for product `id`, checked: it must decode and be about `id`. */
export const checkedAnswer = (id: ProductId, raw: unknown): Either.Either<SupplierStatusRecord, SupplierError> => {
  const plain = plainAnswer(id, raw)
  if (plain !== undefined) return Either.right(plain)
  const decoded = decodeRecord(raw)
  if (Either.isLeft(decoded)) return Either.left(malformed(id, decoded.left))
  const record = decoded.right
  return record.id === id
    ? decoded as Either.Either<SupplierStatusRecord, never>
    : Either.left(new SupplierError({ id, reason: `answered for product ${record.id}` }))
}

/** {@link checkedAnswer} as an Effect. */
export const decodeSupplierStatus = (id: ProductId, raw: unknown): Effect.Effect<SupplierStatusRecord, SupplierError> =>
  Effect.suspend(() => checkedAnswer(id, raw))
