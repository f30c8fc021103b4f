/**
 * A shim for the rooms that still import validation from here while the
 * restructure lands: the rules live in `src/internal/options/rules.ts`, the
 * public error in `src/options/InvalidOptionError.ts`. Removed once nothing
 * imports it.
 *
 * @internal
 */
import type { Duration, Effect, Either } from "effect"
import * as rules from "../internal/options/rules.ts"

export const InvalidOptionError: typeof rules.InvalidOptionError = rules.InvalidOptionError
export type InvalidOptionError = rules.InvalidOptionError

export const positiveInteger = (option: string, value: unknown): Effect.Effect<number, InvalidOptionError> =>
  rules.check(rules.positiveInteger, option, value)

export const finiteDuration = (option: string, value: unknown): Either.Either<Duration.Duration, InvalidOptionError> =>
  rules.finiteDuration(option, value)
