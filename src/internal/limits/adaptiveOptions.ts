/**
 * What a caller gives `adaptive(…)`, checked once before any task runs, with
 * the kit's one message shape (options/rules.ts); and which failures count as
 * overload.
 *
 * @internal
 */
import { Either } from "effect"
import * as defaults from "../defaults.ts"
import { functionOf, oneOf, optional, positiveInteger, refuse, type Rule, wholeNumber } from "../options/rules.ts"
import type { AdaptiveSettings, Algorithm } from "./adaptiveState.ts"

/** The options of an adaptive limit, as a caller writes them. */
export interface AdaptiveOptions {
  /** The limit never goes below this. Default 1. */
  readonly min?: number | undefined
  /** The limit never goes above this: required, since nothing else bounds it. */
  readonly max: number
  /** Where it starts. Default `min`. */
  readonly initial?: number | undefined
  /** `"gradient"` (latency and overloads, the default) or `"aimd"` (overloads only). */
  readonly algorithm?: Algorithm | undefined
  /** What an overload multiplies the limit by: above 0, below 1. Default 0.9. */
  readonly backoff?: number | undefined
  /** Latency above the quietest seen that still reads as no queue, as a fraction ≥ 0. Default 0.1. */
  readonly tolerance?: number | undefined
  /** Which failures are overloads. Default {@link isOverloadError}. */
  readonly isOverload?: ((error: unknown) => boolean) | undefined
}

/** Checked options: the decisions' settings and the overload test. */
export interface CheckedAdaptive {
  readonly settings: AdaptiveSettings
  readonly isOverload: (error: unknown) => boolean
}

/** MySQL/MariaDB errnos that mean "out of connections": 1040, 1203 (max_user_connections), 1226 (MAX_USER_CONNECTIONS). */
const refusedErrnos: ReadonlySet<number> = new Set([1040, 1203, 1226])

/**
 * The overloads the kit knows, by shape (so this module loads no driver):
 * a task timeout (`_tag` "TaskTimeoutError"), a database out of connections
 * (an `errno` of 1040, 1203 or 1226, as the kit's RepositoryError and
 * mysql2's errors carry), an HTTP 429 or 503 (`status`), and the simulated
 * service's refusal (`_tag` "ServiceOverloaded").
 */
export const isOverloadError = (error: unknown): boolean => {
  if (typeof error !== "object" || error === null) return false
  const { _tag, errno, status } = error as { _tag?: unknown; errno?: unknown; status?: unknown }
  return _tag === "TaskTimeoutError" || _tag === "ServiceOverloaded" ||
    (typeof errno === "number" && refusedErrnos.has(errno)) || status === 429 || status === 503
}

const fraction = (
  test: (n: number) => boolean,
  reason: string,
): Rule<number> =>
(option, value) => typeof value === "number" && test(value) ? Either.right(value) : refuse(option, value, reason)

const backoffRule = fraction((n) => n > 0 && n < 1, "expected a number above 0 and below 1")
const toleranceRule = fraction((n) => Number.isFinite(n) && n >= 0, "expected a finite number ≥ 0")

/** Checks `adaptive(…)` options; each field is named `<option>.<field>` in a refusal. */
export const adaptiveRule: Rule<CheckedAdaptive> = (option, value) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return refuse(option, value, "expected adaptive options { min?, max, initial?, algorithm?, backoff?, tolerance? }")
  }
  const given = value as Record<string, unknown>
  const name = (field: string) => `${option}.${field}`
  return Either.gen(function* () {
    const min = (yield* optional(positiveInteger)(name("min"), given.min)) ?? defaults.adaptive.min
    const max = yield* wholeNumber({ min })(name("max"), given.max)
    const initial = (yield* optional(wholeNumber({ min, max }))(name("initial"), given.initial)) ?? min
    const algorithm = (yield* optional(oneOf<Algorithm>(["gradient", "aimd"]))(name("algorithm"), given.algorithm)) ??
      defaults.adaptive.algorithm
    const backoff = (yield* optional(backoffRule)(name("backoff"), given.backoff)) ?? defaults.adaptive.backoff
    const tolerance = (yield* optional(toleranceRule)(name("tolerance"), given.tolerance)) ??
      defaults.adaptive.tolerance
    const isOverload = (yield* optional(functionOf("(error) => boolean"))(name("isOverload"), given.isOverload)) as
      | ((error: unknown) => boolean)
      | undefined
    return {
      settings: { algorithm, min, max, initial, backoff, tolerance },
      isOverload: isOverload ?? isOverloadError,
    }
  })
}
