/**
 * The baseline the incident's first fix used: `Promise.all` over fixed chunks.
 * A chunk starts only when the whole previous chunk is done, so a slot that
 * finishes early sits idle.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { chunkedPlan } from "../internal/strategies/plans.ts"
import { makeRunner, makeStrategy } from "../internal/strategies/makeRunner.ts"
import type { InvalidOptionError } from "../options/InvalidOptionError.ts"
import type { ChunkedOptions, Runner } from "./Runner.ts"
import type { Strategy } from "./Strategy.ts"

/**
 * Runs `task` over `items` in chunks of `chunkSize`: the `Promise.all`-per-chunk
 * baseline, written as Effects. Chunks one after another; inside a chunk, all
 * at once; each task still sees its index in the whole input. An iterable is
 * read one chunk at a time. Results in input order.
 *
 * With the blog's workload (100, 300, 200 ms) and `chunkSize: 2`, the 200 ms task
 * waits for the 300 ms one: done at 500 ms.
 *
 * With a `rate` (`"50/s"`, `{ limit, interval, burst? }`, as `pooled`'s), each
 * item of a chunk also waits for its start time, from a schedule of the run's
 * own; a chunk still starts only when the previous one has ended.
 *
 * @example
 * ```ts
 * import { Effect, pipe } from "effect"
 * import { chunked } from "poolwise"
 *
 * const double = (n: number) => Effect.succeed(n * 2)
 *
 * const dataFirst = chunked([1, 2, 3], double, { chunkSize: 2 })
 * const dataLast = pipe([1, 2, 3], chunked(double, { chunkSize: 2 }))
 *
 * Effect.runSync(dataFirst) // [2, 4, 6]
 * ```
 *
 * @since 0.1.0
 * @category runners
 */
export const chunked: Runner<ChunkedOptions> = makeRunner(chunkedPlan)

/**
 * The chunked strategy as a value, validated once.
 *
 * @since 0.1.0
 * @category strategies
 */
export const chunkedStrategy = (options: ChunkedOptions): Effect.Effect<Strategy, InvalidOptionError> =>
  Effect.map(chunkedPlan(options), makeStrategy)
