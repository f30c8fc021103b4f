/**
 * `npm run snippet -- FILE`: runs a TypeScript file of your own that imports
 * "poolwise" (and "effect"), from any folder. npm finds this repository from
 * any folder inside it; from outside, `npm --prefix /path/to/poolwise run
 * snippet -- FILE`. FILE is read relative to where you typed the command.
 */
import { existsSync } from "node:fs"
import { register } from "node:module"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { InvalidOptionError } from "poolwise"
import { repoRoot } from "./files.ts"

const [file] = process.argv.slice(2)
const target = file === undefined ? undefined : resolve(process.env["INIT_CWD"] ?? process.cwd(), file)
if (target === undefined || !existsSync(target)) {
  const refusal = new InvalidOptionError({ option: "FILE", value: file, reason: "expected a TypeScript file to run" })
  process.stderr.write(`${refusal.message}\nusage: npm run snippet -- FILE\n`)
  process.exit(2)
}
register(pathToFileURL(join(repoRoot, "learn", "snippet-hooks.mjs")))
await import(pathToFileURL(target).href)
