/**
 * What the cluster tests read of a run from the database (through the admin
 * connection, never the capped account): the run a client submitted, its
 * page attempts, the runners' budget registrations.
 */
import mysql from "mysql2/promise"
import type { AdminQuery } from "./adminQuery.ts"

export interface Attempt {
  readonly page: number
  readonly runner: string
  readonly startedAt: number
  /** Null: cut off (its runner died or stopped before the page was done). */
  readonly endedAt: number | null
}

/** A DATETIME as mysql2 returns it (a Date, read in the local zone like every other one here), in ms. */
const millis = (value: unknown) => value instanceof Date ? value.getTime() : new Date(String(value)).getTime()

export const clusterRunQueries = (query: AdminQuery, database: string) => {
  const db = mysql.escapeId(database)
  const one = async (sql: string, values: ReadonlyArray<unknown> = []) => (await query(sql, values))[0]
  return {
    /** Every run submitted to the cluster so far. */
    runIds: async (): Promise<Array<string>> =>
      (await query(`SELECT id FROM ${db}.sync_runs WHERE pages IS NOT NULL`)).map((r) => String(r["id"])),
    /** The server's clock in ms, the one `started_at` / `ended_at` are written with. */
    serverNow: async (): Promise<number> => millis((await one("SELECT NOW(3) AS now"))!["now"]),
    /** Pages of `runId` done, and whether `runner` has a page in progress now. */
    state: async (runId: string, runner: string) => {
      const row = await one(
        `SELECT COUNT(DISTINCT IF(ended_at IS NULL, NULL, page)) AS done,
                SUM(ended_at IS NULL AND runner = ?) AS open
           FROM ${db}.sync_page_attempts WHERE run_id = ?`,
        [runner, runId],
      )
      return { pagesDone: Number(row!["done"] ?? 0), runnerBusy: Number(row!["open"] ?? 0) > 0 }
    },
    attempts: async (runId: string): Promise<Array<Attempt>> =>
      (await query(
        `SELECT page, runner, started_at, ended_at FROM ${db}.sync_page_attempts WHERE run_id = ? ORDER BY id`,
        [runId],
      )).map((r) => ({
        page: Number(r["page"]),
        runner: String(r["runner"]),
        startedAt: millis(r["started_at"]),
        endedAt: r["ended_at"] === null ? null : millis(r["ended_at"]),
      })),
    /** Runners registered in the budget and refreshed within `staleSeconds`. */
    freshRegistrations: async (staleSeconds: number): Promise<Array<string>> =>
      (await query(
        `SELECT runner FROM ${db}.runner_budget WHERE seen_at >= NOW(3) - INTERVAL ? SECOND ORDER BY runner`,
        [staleSeconds],
      )).map((r) => String(r["runner"])),
    registrations: async (): Promise<Array<string>> =>
      (await query(`SELECT runner FROM ${db}.runner_budget ORDER BY runner`)).map((r) => String(r["runner"])),
  }
}

/**
 * The failover of `victim`'s pages in a run's attempts: the pages it left cut
 * off, and how long after `killedAt` the first of them started again on
 * another runner.
 */
export const failoverOf = (attempts: ReadonlyArray<Attempt>, victim: string, killedAt: number) => {
  const cutOff = attempts.filter((a) => a.runner === victim && a.endedAt === null).map((a) => a.page)
  const redone = attempts.filter((a) => cutOff.includes(a.page) && a.runner !== victim && a.startedAt >= killedAt)
  const firstRestartMs = redone.length === 0 ? undefined : Math.min(...redone.map((a) => a.startedAt)) - killedAt
  return { cutOff, redoneAndEnded: redone.filter((a) => a.endedAt !== null).map((a) => a.page), firstRestartMs }
}
