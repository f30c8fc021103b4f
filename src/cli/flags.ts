/**
 * The kinds of flag the CLI's commands declare, each checked by the kit's own
 * rule (src/internal/options/rules.ts) inside @effect/cli's parser: a bad
 * value fails the parse, so no command starts, @effect/cli prints the rule's
 * message (`Invalid option "--pool": expected a whole number ≥ 1, got "abc"`)
 * and the exit code is 2, like any other bad flag.
 *
 * Numbers are read as text and handed to the rule (`fromText`), not through
 * `Options.integer`: its parser would refuse "abc" or "1.5" itself, with its
 * own words and without naming the flag.
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { type Effect, Either, Logger, LogLevel, Option } from "effect"
import { fromText, type InvalidOptionError, nonNegativeInteger, type Rule } from "../internal/options/rules.ts"

/** A rule's refusal as @effect/cli's own validation error: printed as it is, exit code 2. */
export const refusal = (error: InvalidOptionError): ValidationError.ValidationError =>
  ValidationError.invalidValue(HelpDoc.p(error.message))

/** What `rule` expects, in its own words ("a whole number ≥ 1"): the reason it gives for a value nothing accepts. */
const expectation = (rule: Rule<unknown>): string => {
  const refused = rule("", Symbol("nothing"))
  return Either.isLeft(refused) ? refused.left.reason.replace(/^expected /, "") : "a value"
}

const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}.`

/**
 * `--name N`, a number the kit's `rule` accepts (e.g. `positiveInteger`).
 * `--help` shows what the rule expects, the description and the default (a
 * number, or words such as "the concurrency"); the default itself is filled
 * in by the command, so the flag reads `Option.none()` when it is not given.
 */
export const numberFlag = (
  name: string,
  rule: Rule<number>,
  description: string,
  options: { readonly default: number | string },
) =>
  Options.text(name).pipe(
    Options.withPseudoName("N"),
    Options.withDescription(`${sentence(expectation(rule))} ${description} Default: ${options.default}.`),
    Options.mapEffect((raw) => Either.mapLeft(fromText(rule)(`--${name}`, raw), refusal)),
    Options.optional,
  )

/**
 * `--name 100,300,200`: a non-empty list of whole milliseconds ≥ 0. A bad
 * item is refused by itself: `Invalid option "--durations": expected a whole number ≥ 0, got "-5"`.
 */
export const durationsFlag = (name: string, description: string) =>
  Options.text(name).pipe(
    Options.withPseudoName("MS,MS,…"),
    Options.withDescription(description),
    Options.mapEffect((raw) =>
      Either.mapLeft(
        Either.all(raw.split(",").map((part) => fromText(nonNegativeInteger)(`--${name}`, part.trim()))),
        refusal,
      )
    ),
  )

/**
 * `--log-level LEVEL`, taken by every command: what it logs, on stderr.
 * @effect/cli has a built-in flag of the same name that it reads only right
 * after the command's name (`sync --log-level debug --products 10`) and that
 * its help would list beside this one; this one is read anywhere among the
 * command's flags, and the help lists only it (poolwise.ts hides the built-ins).
 * Where both could read it, the built-in does, and this one is then left
 * unset: either way the level governs the command.
 */
export const logLevelFlag = Options.choiceWithValue(
  "log-level",
  LogLevel.allLevels.map((level) => [level._tag.toLowerCase(), level] as const),
).pipe(
  Options.withPseudoName("LEVEL"),
  Options.withDescription(
    "What the command logs, on stderr: debug adds what it does step by step, error only what went wrong. Default: info.",
  ),
  Options.optional,
)

/** `effect` with the minimum log level `--log-level` gave, if it gave one. */
export const withLogLevel = (level: Option.Option<LogLevel.LogLevel>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Option.match(level, { onNone: () => effect, onSome: (level) => Logger.withMinimumLogLevel(effect, level) })
