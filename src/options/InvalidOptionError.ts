/**
 * Bad options are refused, never "fixed up".
 *
 * `Effect.forEach` reads `concurrency: 0` or `NaN` as "sequential" and
 * `Infinity` as "unbounded" without a word, and `Duration` reads `-1` or `NaN`
 * as zero. In the incident a bad limit *is* the outage, so every runner,
 * layer, job and CLI flag of the kit checks its options first, with the same
 * rules (written once), and refuses the whole run with this typed error before
 * any work starts: it names the option and the value it got.
 *
 * @since 0.1.0
 */
import * as rules from "../internal/options/rules.ts"

/**
 * An option, argument or flag was not what it takes: a limit that is not a
 * whole number ≥ 1, a negative or endless duration, an input that is not
 * iterable, a task that is not a function… Its message always reads
 * `Invalid option "<option>": <reason>, got <value>`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { InvalidOptionError, pooled } from "poolwise"
 *
 * const error = Effect.runSync(Effect.flip(pooled([1, 2], Effect.succeed, { concurrency: 0 })))
 * error instanceof InvalidOptionError // true
 * error.message // Invalid option "concurrency": expected a whole number ≥ 1, got 0
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const InvalidOptionError: typeof rules.InvalidOptionError = rules.InvalidOptionError

/**
 * @since 0.1.0
 * @category errors
 */
export type InvalidOptionError = rules.InvalidOptionError
