/**
 * Product ids as a stream read one keyset page at a time.
 *
 * @internal
 */
import { Chunk, Effect, Fiber, Option, Stream } from "effect"
import type { ProductId } from "./Product.ts"
import type { RepositoryError } from "./RepositoryError.ts"
import type { PageRequest } from "./Store.ts"

/** Which ids to read, and how many per page. */
export interface ProductIdsOptions {
  /** First id to read; 1 by default. */
  readonly from?: number | undefined
  /** Last id to read: the stream yields ids in from..upTo that exist. */
  readonly upTo: number
  readonly pageSize: number
  /** Only ids run `id` has (or has not) written; see `PageRequest`. */
  readonly run?: PageRequest["run"]
}

/**
 * Every product id in `from..upTo`, ascending, read one keyset page at a
 * time, one page ahead: the next page is asked for as soon as the stream
 * emits the current one, so it is there when the current one is used up. At
 * most two pages are held at once, so memory stays flat whatever the table
 * size.
 *
 * Read only when pulled, a page read waited behind every write in the pool's
 * first-come line: at a task concurrency of 1,000 over a pool of 5, each page
 * left the pool idle while the line drained, the read was served, and 1,000
 * new tasks reached the pool again.
 */
export const productIds = <E = RepositoryError>(
  repo: { readonly pageIds: (page: PageRequest) => Effect.Effect<ReadonlyArray<ProductId>, E> },
  options: ProductIdsOptions,
): Stream.Stream<ProductId, E> => {
  const from = options.from ?? 1
  if (options.upTo < from) return Stream.empty
  // A short page is the last one; so is a page that reached upTo, which saves one empty query at the end.
  const read = (after: number) =>
    Effect.map(repo.pageIds({ after, limit: options.pageSize, upTo: options.upTo, run: options.run }), (ids) => {
      const last = ids[ids.length - 1]
      const more = last !== undefined && ids.length === options.pageSize && last < options.upTo
      return { page: Chunk.fromIterable(ids), next: more ? last as number : undefined }
    })
  return Stream.unwrapScoped(Effect.gen(function* () {
    const scope = yield* Effect.scope
    // Each read in a fiber of its own, interrupted when the stream ends.
    const ahead = (after: number) => Effect.forkIn(read(after), scope)
    const first = yield* ahead(from - 1)
    return Stream.paginateChunkEffect(
      first,
      (reading) =>
        Effect.flatMap(
          Fiber.join(reading),
          ({ page, next }) =>
            next === undefined
              ? Effect.succeed([page, Option.none()] as const)
              : Effect.map(ahead(next), (fiber) => [page, Option.some(fiber)] as const),
        ),
    )
  }))
}
