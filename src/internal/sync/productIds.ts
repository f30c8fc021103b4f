/**
 * Product ids as a stream read one keyset page at a time.
 *
 * @internal
 */
import { Chunk, Effect, Option, Stream } from "effect"
import type { ProductId } from "./Product.ts"
import type { RepositoryError } from "./RepositoryError.ts"
import type { PageRequest } from "./store.ts"

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
 * time: the next page is asked for only when the stream is pulled, so memory
 * stays flat whatever the table size.
 */
export const productIds = <E = RepositoryError>(
  repo: { readonly pageIds: (page: PageRequest) => Effect.Effect<ReadonlyArray<ProductId>, E> },
  options: ProductIdsOptions,
): Stream.Stream<ProductId, E> => {
  const from = options.from ?? 1
  return options.upTo < from
    ? Stream.empty
    : Stream.paginateChunkEffect(from - 1, (after: number) =>
      repo.pageIds({ after, limit: options.pageSize, upTo: options.upTo, run: options.run }).pipe(
        // A short page is the last one; so is a page that reached upTo, which
        // saves one empty query at the end.
        Effect.map((ids) => {
          const last = ids[ids.length - 1]
          const more = last !== undefined && ids.length === options.pageSize && last < options.upTo
          return [Chunk.fromIterable(ids), more ? Option.some(last as number) : Option.none()] as const
        }),
      ))
}

