/**
 * What the snippet runner (runner.ts) tells the checker (run.ts), one JSON
 * message per line on its stdout, after {@link MARKER} so that a snippet's own
 * output on the same stream is told apart. The checker sends the runner one
 * module name per line on its stdin.
 */

/** Starts every message line (a NUL byte no snippet prints). */
export const MARKER = "\u0000docs-check:"

/** What one asserted `console.log` printed: the text, and the value as JSON when it has one. */
export interface Printed {
  readonly line: number
  readonly text: string
  readonly json?: string | undefined
}

/** Why a snippet failed: how (`it threw`, `unhandled rejection`, …) and the error as inspected. */
export interface Failure {
  readonly how: string
  readonly text: string
}

export type RunnerMessage =
  /** The kit is loaded; send module names. */
  | { readonly type: "ready" }
  /** The module ran, and everything it started has ended. */
  | {
    readonly type: "done"
    readonly name: string
    readonly printed: ReadonlyArray<Printed>
    readonly failures: ReadonlyArray<Failure>
  }

/** The messages in a chunk of runner output (complete lines only). */
export const parseMessages = (lines: ReadonlyArray<string>): Array<RunnerMessage> =>
  lines.flatMap((line) => {
    const start = line.indexOf(MARKER)
    return start === -1 ? [] : [JSON.parse(line.slice(start + MARKER.length)) as RunnerMessage]
  })
