/** Renders bench/results/latest.json as the markdown report printed by `npm run bench`. */
import { renderCluster, renderClusterPoll } from "./cluster.ts"
import { renderLearn } from "./learn.ts"
import { renderLimits } from "./limits.ts"
import { renderOverhead, renderRecorder } from "./dispatch.ts"
import { at } from "./format.ts"
import { renderDb, renderMemory, renderScale } from "./resources.ts"
import { renderAnchor, renderLive, renderMakespan } from "./timing.ts"
import { renderStartup } from "./startup.ts"
import { renderPlayground, renderTools } from "./tools.ts"

export const renderReport = (r: unknown): string => {
  const out: Array<string> = []
  const machine = at(r, "machine")
  out.push(`# poolwise benchmarks${at(r, "quick") === true ? " (--quick)" : ""}`)
  out.push(
    `${at(machine, "cpus")} × ${at(machine, "cpuModel")}, ${at(machine, "memoryGb")} GB, Node ${
      at(machine, "node")
    }, ` +
      `load average at start ${String(at(machine, "loadAverageAtStart"))}; ${at(r, "date")}; ${at(r, "wallSeconds")} s`,
  )
  out.push(...renderMakespan(r), ...renderAnchor(r), ...renderLive(r))
  out.push(...renderOverhead(r), ...renderRecorder(r))
  out.push(...renderDb(r), ...renderMemory(r), ...renderScale(r))
  out.push(renderTools(at(r, "tools")))
  out.push(renderPlayground(at(r, "playground")))
  out.push(...renderCluster(r), ...renderClusterPoll(r))
  out.push(...renderLearn(r))
  out.push(...renderStartup(r))
  out.push(...renderLimits(r))
  return out.join("\n")
}
