/**
 * How the checker starts Node processes (tsc, the snippet runner, the CLI):
 * with Node also when the checker itself runs under Deno, so that snippets
 * and stack lines are the same everywhere; TypeScript through tsx.
 */
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"

export const NODE = "deno" in process.versions ? "node" : process.execPath

/** For `node --import <TSX>`. */
export const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href
