/**
 * The bulk write's batches: the supplier's answers gathered in place,
 * `batchSize` to a batch (the last one may be short), skipping the products
 * whose answer failed (`undefined`, already settled). No `Option` or `Chunk`
 * per product: a full batch goes on at once, the last one at the end.
 *
 * @internal
 */
import { Chunk, Stream } from "effect"
import type { StatusRow } from "./Store.ts"

export const batchesOf = <E, R>(
  rows: Stream.Stream<StatusRow | undefined, E, R>,
  batchSize: number,
): Stream.Stream<ReadonlyArray<StatusRow>, E, R> =>
  Stream.suspend(() => {
    let filling: Array<StatusRow> = []
    return Stream.concat(
      Stream.mapChunks(rows, (chunk) => {
        let full: Array<ReadonlyArray<StatusRow>> | undefined
        for (const row of chunk) {
          if (row === undefined) continue
          filling.push(row)
          if (filling.length >= batchSize) {
            ;(full ??= []).push(filling)
            filling = []
          }
        }
        return full === undefined ? Chunk.empty() : Chunk.unsafeFromArray(full)
      }),
      Stream.suspend(() => filling.length === 0 ? Stream.empty : Stream.make(filling)),
    )
  })
