/**
 * The console the CLI prints through: @effect/cli styles its help and errors
 * with ANSI colour codes, which are noise in a file, a pipe or a log. They are
 * kept only when the stream is a terminal and `NO_COLOR` is not set
 * (https://no-color.org).
 */
import type { Console } from "effect"

// deno-lint-ignore no-control-regex -- ANSI escape codes start with the ESC control character.
const ansi = /\x1b\[[0-9;]*m/g

const colourFor = (stream: NodeJS.WriteStream): boolean =>
  stream.isTTY === true && (process.env["NO_COLOR"] ?? "") === ""

/** `text` without colour codes unless `stream` is a terminal and colour is not turned off. */
export const forStream = (stream: NodeJS.WriteStream, text: string): string =>
  colourFor(stream) ? text : text.replace(ansi, "")

const plain = (stream: NodeJS.WriteStream) => (...args: ReadonlyArray<unknown>) =>
  args.map((arg) => typeof arg === "string" ? forStream(stream, arg) : arg)

/** `base` with `log`/`info` (stdout) and `error`/`warn` (stderr) stripped of colour as above. */
export const plainConsole = (base: Console.Console): Console.Console => ({
  ...base,
  log: (...args) => base.log(...plain(process.stdout)(...args)),
  info: (...args) => base.info(...plain(process.stdout)(...args)),
  error: (...args) => base.error(...plain(process.stderr)(...args)),
  warn: (...args) => base.warn(...plain(process.stderr)(...args)),
  unsafe: {
    ...base.unsafe,
    log: (...args) => base.unsafe.log(...plain(process.stdout)(...args)),
    info: (...args) => base.unsafe.info(...plain(process.stdout)(...args)),
    error: (...args) => base.unsafe.error(...plain(process.stderr)(...args)),
    warn: (...args) => base.unsafe.warn(...plain(process.stderr)(...args)),
  },
})

/** `key=value …`: settings in one log line, in a fixed order (log annotations would come out in any order). */
export const fields = (values: Record<string, string | number | boolean>): string =>
  Object.entries(values).map(([key, value]) => `${key}=${value}`).join(" ")
