/**
 * The demo's limits when its flags leave them open: the blog's two lookups
 * at a time, chunks as large as the concurrency. Apart from demoCommand.ts so
 * that the tour reads them without loading the flag parser.
 */
import { Option } from "effect"

/** The blog's limit: two lookups at a time. */
export const demoLimit = 2

/** The concurrency and chunk size for the demo's flags, defaults filled in. */
export const demoLimits = (flags: {
  readonly concurrency: Option.Option<number>
  readonly chunkSize: Option.Option<number>
}): { readonly concurrency: number; readonly chunkSize: number } => {
  const concurrency = Option.getOrElse(flags.concurrency, () => demoLimit)
  return { concurrency, chunkSize: Option.getOrElse(flags.chunkSize, () => concurrency) }
}
