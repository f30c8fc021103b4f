/**
 * Flag parsers shared by the CLI's commands.
 *
 * Whole-number flags are declared once here, with their minimum: `--help`
 * shows them as integers with their default, and `checkIntegerFlags` refuses
 * a bad value before anything runs, with the kit's own `InvalidOptionError`
 * message naming the flag (@effect/cli's own parser would only say "'abc' is
 * not a integer").
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect } from "effect"
import { InvalidOptionError } from "../strategies/InvalidOptionError.ts"

const invalid = (message: string) => ValidationError.invalidValue(HelpDoc.p(message))

/** Every whole-number flag of every command, and its minimum. */
const integerFlags = new Map<string, number>()

/**
 * `--name N`, a whole number ≥ `min`. `default` is shown in `--help` (a
 * number, or words such as "the concurrency").
 */
export const integerFlag = (
  name: string,
  description: string,
  options: { readonly min: number; readonly default: number | string },
) => {
  integerFlags.set(name, options.min)
  return Options.integer(name).pipe(
    Options.withPseudoName("N"),
    Options.withDescription(`${description} Default: ${options.default}.`),
    Options.optional,
  )
}

const describeRange = (min: number) => `expected a whole number ≥ ${min}`

/**
 * The first bad value given to a whole-number flag in `args` (`--pool abc`,
 * `--retries=1.5`, `--concurrency 0`), as the kit's `InvalidOptionError`.
 */
export const checkIntegerFlags = (args: ReadonlyArray<string>): InvalidOptionError | undefined => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith("--")) continue
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
    const min = integerFlags.get(name)
    if (min === undefined) continue
    const raw = inline ?? args[i + 1]
    if (raw === undefined) continue // @effect/cli says the value is missing
    const digits = /^\s*\d+\s*$/.test(raw)
    const value = digits ? Number(raw) : Number.NaN
    if (!Number.isSafeInteger(value) || value < min) {
      const reason = digits && value > Number.MAX_SAFE_INTEGER
        ? `expected a whole number ≤ ${Number.MAX_SAFE_INTEGER}`
        : describeRange(min)
      return new InvalidOptionError({ option: `--${name}`, value: raw, reason })
    }
  }
  return undefined
}

/** Parses `--name 100,300,200` as a non-empty list of durations in ms (whole numbers ≥ 0). */
export const durationsFlag = (name: string, description: string) =>
  Options.text(name).pipe(
    Options.withPseudoName("MS,MS,…"),
    Options.withDescription(description),
    Options.mapEffect((raw) => {
      const parts = raw.split(",").map((part) => part.trim())
      const bad = parts.find((part) => !/^\d+$/.test(part) || !Number.isSafeInteger(Number(part)))
      return bad === undefined ? Effect.succeed(parts.map(Number)) : Effect.fail(
        invalid(`Invalid option "--${name}": expected whole milliseconds ≥ 0 separated by commas, got "${bad}"`),
      )
    }),
  )
