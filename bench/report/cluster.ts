/** Section 8: the sync on several runner processes, 3 runners vs 1, and a failover (bench/cluster.ts). */
import { Duration } from "effect"
import * as defaults from "../../src/internal/defaults.ts"
import { at, fmt, skipped, table } from "./format.ts"

const pages = (byRunner: unknown) => Object.values((byRunner ?? {}) as Record<string, number>).join(" / ") || "–"

const seconds = (ms: unknown) => (typeof ms === "number" ? `${(ms / 1000).toFixed(2)} s` : "–")

export const renderCluster = (r: unknown): ReadonlyArray<string> => {
  const c = at(r, "cluster")
  const out = ["\n## 8. Cluster: 3 runners vs 1"]
  const reason = skipped(c)
  if (reason !== undefined) return [...out, reason]
  const runs = (key: string) => (at(c, key, "runs") as ReadonlyArray<unknown> | undefined) ?? []
  const middle = (key: string) => runs(key)[runs(key).length >> 1]
  out.push(
    table(["runners", "elapsed (report)", "wall (command)", "pages per runner", "runners' CPU per product"], [
      [
        "1",
        seconds(at(c, "oneRunner", "elapsedMs")),
        seconds(at(c, "oneRunner", "wallMs")),
        pages(at(middle("oneRunner"), "pagesPerRunner")),
        `${fmt(at(c, "oneRunner", "cpuMsPerProduct"))} ms`,
      ],
      [
        "3",
        seconds(at(c, "threeRunners", "elapsedMs")),
        seconds(at(c, "threeRunners", "wallMs")),
        pages(at(middle("threeRunners"), "pagesPerRunner")),
        `${fmt(at(c, "threeRunners", "cpuMsPerProduct"))} ms`,
      ],
    ]),
  )
  const s = at(c, "statements")
  out.push(
    `\n${fmt(at(c, "products"))} products in pages of ${at(c, "pageSize")}; each runner: job pool ` +
      `${at(c, "perRunner", "pool")}, cluster pool ${at(c, "perRunner", "clusterPool")}, ` +
      `${at(c, "perRunner", "concurrency")} supplier calls in flight, supplier ${at(c, "supplierLatencyMs")} ms; ` +
      `median of ${at(c, "rounds")} round(s). Speed-up: **${fmt(at(c, "speedup"))}×** (goal ≥ ${
        fmt(at(c, "speedupGoal"))
      }×, reported, not judged).`,
    `\nWhere the 3-runner run's time went (its middle round, from its submission): first page placed at ` +
      `${seconds(at(middle("threeRunners"), "kit", "firstPlacedMs"))}, first page started at ` +
      `${seconds(at(middle("threeRunners"), "kit", "firstStartedMs"))}, the runners' last pages ended ` +
      `${seconds(at(middle("threeRunners"), "kit", "tailMs"))} apart (the tail), and the client had the report ` +
      `${seconds(at(middle("threeRunners"), "kit", "afterLastPageMs"))} after the last page ended; the runners ` +
      `idled between pages ${seconds(at(middle("threeRunners"), "kit", "idleMs"))} in all.`,
    `\nStatements the server counted (\`Questions\`; whole server, so other clients count too): local sync ` +
      `${fmt(at(s, "localPerProduct"))} per product, 1-runner cluster run ${fmt(at(s, "clusterPerProduct"))}; ` +
      `the cluster adds **${fmt(at(s, "addedPerProduct", "questions"))}** per product ` +
      `(${fmt(at(s, "addedPerProduct", "data"))} of them SELECT/INSERT/UPDATE/DELETE).`,
  )
  const f = at(c, "failover")
  const failoverSkipped = skipped(f)
  if (failoverSkipped !== undefined) return [...out, `\nFailover: ${failoverSkipped}`]
  out.push(
    `\nFailover: ${at(f, "killedRunner")} (not the coordinator) killed -9 at ${seconds(at(f, "killedAtMs"))}, ` +
      `${fmt(at(f, "killedAtPagesDone"))} pages ended; the run took ${seconds(at(f, "elapsedMs"))}, updated ` +
      `${fmt(at(f, "updated"))} of ${fmt(at(c, "products"))}; ${fmt(at(f, "cutOff"))} attempt(s) cut off, ` +
      `first taken up elsewhere **${seconds(at(f, "takeoverMs"))}** after the kill. Pages per runner: ${
        pages(at(f, "pagesPerRunner"))
      }.`,
    "\n```text",
    String(at(f, "gantt")),
    String(at(f, "legend")),
    "```",
  )
  return out
}

/** The client's progress poll at 80 and 40,000 pages: the run's counters, and the GROUP BY they replaced (bench/clusterPoll.ts). */
export const renderClusterPoll = (r: unknown): ReadonlyArray<string> => {
  const p = at(r, "clusterPoll")
  const out = ["\n### The client's progress poll"]
  const reason = skipped(p)
  if (reason !== undefined) return [...out, reason]
  const row = (pages: string) => {
    const s = at(p, "pages", pages)
    return [
      fmt(Number(pages)),
      `${fmt(at(s, "counterMs"))} ms`,
      `${fmt(at(s, "groupByMs"))} ms`,
      `${fmt(at(s, "ratio"))}×`,
    ]
  }
  return [
    ...out,
    table(["pages", "poll (run's counters)", "GROUP BY over attempts (before)", "ratio"], [row("80"), row("40000")]),
    `\nMedian of ${fmt(at(p, "polls"))} polls on one connection, pages of ${at(p, "pageSize")} (40,000 pages: ` +
    "1,000,000 products in pages of 25, as `--page-size 25` cuts them; by default a run has at most " +
    `${defaults.clusterMaxPages} pages); the rows inserted directly, one ended attempt per page. The client polls ` +
    `every ${Duration.format(defaults.clusterPollInterval)}.`,
  ]
}
