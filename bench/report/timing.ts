/** Section 1, the blog's anchor and section 2: virtual-time makespans, and live timers against them. */
import { at, fmt, skipped, table } from "./format.ts"

/** Section 1: makespan over the ideal bound (bench/virtual.ts). */
export const renderMakespan = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const m = at(r, "makespan")
  out.push(`\n## 1. Makespan over the ideal bound (TestClock, ${at(m, "n")} tasks, ${at(m, "seeds")} seeds)`)
  out.push(
    skipped(m) ??
      table(
        ["limit", "pooled / bound: median", "worst", "chunked / bound: median", "worst"],
        [
          ...((at(m, "limits") as ReadonlyArray<number> | undefined) ?? []).map((limit) => [
            String(limit),
            fmt(at(m, "byLimit", limit, "pooledOverBound", "median"), 3),
            fmt(at(m, "byLimit", limit, "pooledOverBound", "worst"), 3),
            fmt(at(m, "byLimit", limit, "chunkedOverBound", "median"), 3),
            fmt(at(m, "byLimit", limit, "chunkedOverBound", "worst"), 3),
          ]),
          [
            "**all**",
            fmt(at(m, "pooledOverBound", "median"), 3),
            fmt(at(m, "pooledOverBound", "worst"), 3),
            fmt(at(m, "chunkedOverBound", "median"), 3),
            fmt(at(m, "chunkedOverBound", "worst"), 3),
          ],
        ],
      ),
  )
  if (!skipped(m)) {
    out.push(
      `\n${at(m, "runsMatchingReferenceSchedule")}/${at(m, "runs")} runs matched the reference schedule exactly.`,
    )
  }
  return out
}

/** The blog's anchor: 1,000 tasks of 0.5–2 s, limit 50. */
export const renderAnchor = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const a = at(r, "anchor")
  out.push(`\n## The blog's anchor: 1,000 tasks of 0.5–2 s, limit 50`)
  out.push(
    skipped(a) ??
      table(["", "chunked", "pooled", "ideal bound"], [
        ["blog (measured)", `${fmt(at(a, "blog", "chunkedS"), 1)} s`, `${fmt(at(a, "blog", "pooledS"), 1)} s`, "–"],
        [
          `kit, virtual time (median over seeds: ${at(a, "seeds")})`,
          `${fmt(at(a, "chunkedS"))} s`,
          `${fmt(at(a, "pooledS"))} s`,
          `${fmt(at(a, "boundS"))} s`,
        ],
      ]),
  )
  return out
}

/** Section 2: live timers against the virtual-time prediction (bench/live.ts). */
export const renderLive = (r: unknown): ReadonlyArray<string> => {
  const out: Array<string> = []
  const l = at(r, "live")
  out.push(`\n## 2. Live timers against the virtual-time prediction`)
  out.push(
    skipped(l) ??
      table(
        ["workload", "pooled: virtual → measured", "ratio", "chunked: virtual → measured", "ratio"],
        (["seed", "anchorScaled"] as const).map((key) => [
          key === "seed" ? "seed: 100/300/200 ms, limit 2" : "anchor ÷ 100: 1,000 × 5–20 ms, limit 50",
          `${fmt(at(l, key, "virtualMs", "pooled"))} → ${fmt(at(l, key, "measuredMs", "pooled"))} ms`,
          fmt(at(l, key, "measuredOverVirtual", "pooled"), 3),
          `${fmt(at(l, key, "virtualMs", "chunked"))} → ${fmt(at(l, key, "measuredMs", "chunked"))} ms`,
          fmt(at(l, key, "measuredOverVirtual", "chunked"), 3),
        ]),
      ),
  )
  return out
}
