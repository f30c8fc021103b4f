/**
 * Where a cluster page's time goes, read after a run from the cluster's own
 * tables and the run's attempts: placed (the page message's snowflake id,
 * made by the coordinator as it sends), started and ended on the runner
 * (sync_page_attempts), its reply saved (the reply's snowflake id), and the
 * time from a reply to the next page placed on that runner (the coordinator
 * seeing the answer and sending the next one). Also how many pages each
 * runner actually had running on average (the window is pagesPerRunner).
 *
 * And the run as a whole, from its submission (sync_runs.started_at): when
 * its first page was placed (the coordinator picking the run up), each
 * runner's span from its first page's start to its last page's end, the time
 * in that span with no page of its running (idle gaps), its products written
 * per second (products.synced_at of the products it wrote), and the tail:
 * the last runner's end minus the first one's.
 */
import type mysql from "mysql2/promise"
import { median, round } from "./stats.ts"

/** @effect/cluster's snowflake epoch (Snowflake.constEpochMillis): 2025-01-01. */
const snowflakeEpoch = Date.UTC(2025, 0, 1)
const snowflakeMs = (id: string) => Number(BigInt(id) >> 22n) + snowflakeEpoch

const quantiles = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { p50: round(median(sorted), 1), p90: round(at(0.9), 1), max: round(at(1), 1) }
}

export const pageTimes = async (admin: mysql.Connection, database: string, runId: string) => {
  const [messages] = (await admin.query(
    `SELECT m.entity_id AS entity, CAST(m.id AS CHAR) AS id, CAST(MAX(r.id) AS CHAR) AS reply
     FROM \`${database}\`.cluster_messages m LEFT JOIN \`${database}\`.cluster_replies r ON r.request_id = m.id
     WHERE m.entity_type = 'SyncPage' AND m.entity_id LIKE ? GROUP BY m.id`,
    [`${runId}:%`],
  )) as unknown as [ReadonlyArray<{ entity: string; id: string; reply: string | null }>]
  const [attempts] = (await admin.query(
    `SELECT page, runner, started_at AS startedAt, ended_at AS endedAt, updated + failed AS products FROM \`${database}\`.sync_page_attempts
     WHERE run_id = ? AND ended_at IS NOT NULL`,
    [runId],
  )) as unknown as [ReadonlyArray<{ page: number; runner: string; startedAt: Date; endedAt: Date; products: unknown }>]
  const placed = new Map<number, { at: number; replied: number | undefined }>()
  for (const m of messages) {
    const page = Number(/:(\d+)(~\d+)?$/.exec(m.entity)?.[1])
    const at = snowflakeMs(m.id)
    const prior = placed.get(page)
    if (prior === undefined || prior.at < at) {
      placed.set(page, { at, replied: m.reply === null ? undefined : snowflakeMs(m.reply) })
    }
  }
  const queued: Array<number> = [],
    ran: Array<number> = [],
    saved: Array<number> = [],
    rows: Array<{
      runner: string
      placed: number
      started: number
      ended: number
      replied: number
      products: number
    }> = []
  for (const a of attempts) {
    const p = placed.get(Number(a.page))
    if (p === undefined || p.replied === undefined) continue
    const row = {
      runner: a.runner,
      placed: p.at,
      started: a.startedAt.getTime(),
      ended: a.endedAt.getTime(),
      replied: p.replied,
      products: Number(a.products ?? 0),
    }
    rows.push(row)
    queued.push(row.started - row.placed)
    ran.push(row.ended - row.started)
    saved.push(row.replied - row.ended)
  }
  // Reply → the next page placed on the same runner: the coordinator's turn-around.
  const turnaround: Array<number> = []
  const busy = new Map<string, { work: number; first: number; last: number }>()
  for (const runner of new Set(rows.map((r) => r.runner))) {
    const mine = rows.filter((r) => r.runner === runner)
    const placements = mine.map((r) => r.placed).sort((a, b) => a - b)
    for (const r of mine) {
      const next = placements.find((t) => t >= r.replied)
      if (next !== undefined) turnaround.push(next - r.replied)
    }
    busy.set(runner, {
      work: mine.reduce((s, r) => s + (r.ended - r.started), 0),
      first: Math.min(...mine.map((r) => r.started)),
      last: Math.max(...mine.map((r) => r.ended)),
    })
  }
  const [[run]] = (await admin.query(
    `SELECT started_at AS startedAt FROM \`${database}\`.sync_runs WHERE id = ?`,
    [runId],
  )) as unknown as [[{ startedAt: Date } | undefined]]
  const origin = run?.startedAt.getTime() ?? Math.min(...rows.map((r) => r.placed))
  const spans = [...busy].map(([runner, b]) => {
    // Idle: instants of the span with none of its pages between start and end.
    const mine = rows.filter((r) => r.runner === runner).sort((x, y) => x.started - y.started)
    let idle = 0
    let reach = b.first
    for (const r of mine) {
      if (r.started > reach) idle += r.started - reach
      reach = Math.max(reach, r.ended)
    }
    const products = mine.reduce((n, r) => n + r.products, 0)
    return { runner, first: b.first - origin, last: b.last - origin, idle, products }
  })
  const ends = spans.map((s) => s.last)
  return {
    pages: rows.length,
    run: {
      firstPlacedMs: rows.length === 0 ? null : Math.min(...rows.map((r) => r.placed)) - origin,
      lastEndedMs: Math.max(...ends),
      tailMs: Math.max(...ends) - Math.min(...ends),
      runners: Object.fromEntries(
        spans.map((s) => [s.runner, {
          firstStartedMs: s.first,
          lastEndedMs: s.last,
          idleMs: s.idle,
          productsPerSecond: round(s.products / Math.max(0.001, (s.last - s.first) / 1_000), 1),
        }]),
      ),
    },
    ms: {
      placedToStarted: quantiles(queued),
      startedToEnded: quantiles(ran),
      endedToReplySaved: quantiles(saved),
      replyToNextPlaced: quantiles(turnaround),
    },
    // Pages running at once on each runner, on average over its busy span.
    pagesRunningAvg: Object.fromEntries(
      [...busy].map(([runner, b]) => [runner, round(b.work / Math.max(1, b.last - b.first), 2)]),
    ),
  }
}
