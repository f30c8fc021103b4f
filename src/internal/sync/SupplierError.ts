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

/** A raw answer for product `id`, checked: it must decode and be about `id`. */
export const checkedAnswer = (id: ProductId, raw: unknown): Either.Either<SupplierStatusRecord, SupplierError> => {
  // The usual answer, checked by hand against the same rules (a positive whole id, a whole stock ≥ 0, a boolean)
  // and built without validating twice; anything else goes through the schema, which says what is wrong.
  if (typeof raw === "object" && raw !== null) {
    const { id: answeredId, stock, discontinued } = raw as Record<string, unknown>
    if (
      answeredId === id && typeof stock === "number" && Number.isSafeInteger(stock) && stock >= 0 &&
      typeof discontinued === "boolean"
    ) return Either.right(new SupplierStatusRecord({ id, stock, discontinued }, true))
  }
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
