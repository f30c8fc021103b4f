// Module hooks (run off the main thread): each loaded URL goes to POOLWISE_LOADS.
import { appendFileSync } from "node:fs"

export function load(url, context, nextLoad) {
  appendFileSync(process.env.POOLWISE_LOADS, `${url}\n`)
  return nextLoad(url, context)
}
