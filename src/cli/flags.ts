/**
 * Flag parsers shared by the CLI's commands. Each one rejects bad input with a
 * message that names the flag, through the kit's own validation, so the CLI
 * and the library say the same thing about the same mistake.
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect } from "effect"
import { positiveInteger } from "../strategies/InvalidOptionError.ts"

const invalid = (message: string) => ValidationError.invalidValue(HelpDoc.p(message))

/** Parses `--name N` as a whole number ≥ 1; `0`, `-3`, `1.5`, `abc` are rejected. */
export const positiveIntegerFlag = (name: string, description: string) =>
  Options.text(name).pipe(
    Options.withPseudoName("N"),
    Options.withDescription(description),
    Options.mapEffect((raw) =>
      positiveInteger(`--${name}`, raw.trim() === "" ? raw : Number(raw)).pipe(
        Effect.mapError((error) => invalid(error.message.replace(/got .*$/, `got "${raw}"`))),
      )
    ),
  )

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
