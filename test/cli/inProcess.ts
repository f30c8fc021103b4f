/**
 * Runs the CLI's own parser and exit codes in this process
 * (src/cli/poolwise.ts, the code main.ts runs), its console captured: fast
 * enough to try every bad value on every flag. What only a real process
 * shows (the modules it loads, its exit code, signals) is spawned in
 * cli.test.ts and cluster.test.ts.
 */
import { NodeContext } from "@effect/platform-node"
import { ConfigProvider, Console, Effect } from "effect"
import { stripVTControlCharacters } from "node:util"
import { runPoolwise } from "../../src/cli/poolwise.ts"

export interface InProcessResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const capture = (lines: Array<string>): Console.Console["log"] => (...args) =>
  Effect.sync(() => void lines.push(args.map((arg) => stripVTControlCharacters(String(arg))).join(" ")))

/** `poolwise <args>` in this process: its exit code and what it printed. MYSQL_URL is not read. */
export const parseCli = (args: ReadonlyArray<string>): Promise<InProcessResult> => {
  const stdout: Array<string> = []
  const stderr: Array<string> = []
  return Console.consoleWith((base) =>
    Effect.withConsole(
      runPoolwise(["node", "poolwise", ...args]),
      { ...base, log: capture(stdout), error: capture(stderr) },
    )
  ).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
    Effect.provide(NodeContext.layer),
    Effect.map((code) => ({ code, stdout: stdout.join("\n"), stderr: stderr.join("\n") })),
    Effect.runPromise,
  )
}
