/**
 * A run cut into pages: page `n` (from 1) holds products
 * `(n - 1) * pageSize + 1 ..` up to `pageSize` of them, the last page shorter.
 * Made one at a time as they are sent (dispatch.ts), never all at once.
 *
 * @internal
 */
import type { ClusterRun, Page } from "./records.ts"

/** Page `page` (from 1) of a run: products `from..to`, the last page shorter. */
export const pageAt = (run: Pick<ClusterRun, "products" | "pageSize">, page: number): Page => {
  const from = (page - 1) * run.pageSize + 1
  return { page, from, to: Math.min(from + run.pageSize - 1, run.products) }
}

/** Products 1..`products` cut into pages of `pageSize`: `Math.ceil(products / pageSize)` pages, the last one shorter. */
export const pagesOf = (run: Pick<ClusterRun, "products" | "pageSize">): Array<Page> =>
  Array.from({ length: Math.ceil(run.products / run.pageSize) }, (_, i) => pageAt(run, i + 1))
