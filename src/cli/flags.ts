/**
 * Flag parsers shared by the CLI's commands. Each one rejects bad input with a
 * message that names the flag, through the kit's own validation, so the CLI
 * and the library say the same thing about the same mistake.
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect } from "effect"

const invalid = (message: string) => ValidationError.invalidValue(HelpDoc.p(message))

/**
 * Parses `--name N` as a whole number ≥ `min`; anything else (`-3`, `1.5`,
 * `abc`, and `0` when `min` is 1) is rejected with a message naming the flag.
 */
export const integerFlag = (name: string, description: string, min: 0 | 1) =>
  Options.text(name).pipe(
    Options.withPseudoName("N"),
    Options.withDescription(description),
    Options.mapEffect((raw) => {
      const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN
      return Number.isSafeInteger(value) && value >= min
        ? Effect.succeed(value)
        : Effect.fail(invalid(`Invalid option "--${name}": expected a whole number ≥ ${min}, got "${raw}"`))
    }),
  )

/** `--name N` with N ≥ 1: a limit, a size, a count of things to do. */
export const positiveIntegerFlag = (name: string, description: string) => integerFlag(name, description, 1)

/** `--name N` with N ≥ 0: a number of retries. */
export const nonNegativeIntegerFlag = (name: string, description: string) => integerFlag(name, description, 0)

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
