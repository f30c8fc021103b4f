/** Runs a TypeScript file in a fresh Node process (through tsx) and returns its stdout. */
import { execFile } from "node:child_process"

export const runTs = (
  file: string,
  args: ReadonlyArray<string>,
  options: { readonly nodeFlags?: ReadonlyArray<string>; readonly timeoutMs: number },
): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...(options.nodeFlags ?? []), "--import", "tsx", file, ...args],
      { timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} ${args.join(" ")}: ${error.message}\n${stderr.slice(-2000)}`))
        else resolve(stdout)
      },
    )
  })
