/**
 * What the cluster's bookkeeping records about a run (migration 0003): the
 * run and its pages, each page attempt, the progress read from them. Plain
 * types: they are built from rows the bookkeeping has just read, never from
 * text another process wrote (the stored report is: clusterRunsSql.ts decodes it).
 *
 * @internal
 */

/** A run submitted to the cluster: products 1..products, cut into `pages` pages of `pageSize`. */
export interface ClusterRun {
  readonly id: string
  readonly products: number
  readonly pages: number
  readonly pageSize: number
  /** 0 as submitted; 1, 2, … each time it is resumed (`sync --cluster --resume-run`). */
  readonly round?: number | undefined
}

/** One page of a run: products `from..to`. */
export interface Page {
  readonly page: number
  readonly from: number
  readonly to: number
}

/**
 * One time a runner took up a page. `endedAt` stays null when the runner died
 * (or was stopped) before the page was done: the page then ran again elsewhere.
 */
export interface PageAttempt {
  readonly page: number
  readonly runner: string
  readonly startedAt: Date
  readonly endedAt: Date | null
  readonly updated: number | null
  readonly failed: number | null
}

/** Products settled so far, from the pages that ended (a page that ran twice counts once). */
export interface RunProgress {
  readonly pagesDone: number
  readonly updated: number
  readonly failed: number
}
