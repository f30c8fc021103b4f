/**
 * `poolwise runner`: one process of the cluster (poolwise/cluster). It runs
 * until stopped; SIGTERM or Ctrl-C hands its shards to the other runners
 * before it exits, with 0 once it was ready (what service managers expect of
 * a stop; 1 if the hand-over failed). Loaded by runnerCommand.ts once the
 * flags were accepted.
 */
import { Console, Effect, Layer, type Redacted } from "effect"
import { layerRunner } from "../cluster/Runner.ts"
import { SupplierStatus } from "../sync/SupplierStatus.ts"
import { fields } from "./console.ts"
import { stopIsNormalEnd } from "./interruptedExit.ts"

/** A runner's settings, every default filled in (`budget` is read from the server when not given). */
export interface RunnerSettings {
  readonly url: Redacted.Redacted<string>
  readonly host: string
  readonly port: number
  readonly listenHost: string | undefined
  readonly pool: number
  readonly clusterPool: number
  readonly concurrency: number
  readonly supplierLatencyMs: number
  readonly budget: number | undefined
}

/** Joins the cluster, says so, and serves until interrupted. */
export const startRunner = ({ supplierLatencyMs, ...settings }: RunnerSettings) =>
  Effect.gen(function* () {
    yield* Effect.logDebug(`runner settings: ${
      fields({
        host: settings.host,
        port: settings.port,
        listenHost: settings.listenHost ?? settings.host,
        pool: settings.pool,
        clusterPool: settings.clusterPool,
        concurrency: settings.concurrency,
        supplierLatencyMs,
        budget: settings.budget ?? "auto",
      })
    }`)
    yield* Layer.build(
      layerRunner(settings).pipe(Layer.provide(SupplierStatus.layerSimulated({ meanLatency: supplierLatencyMs }))),
    )
    yield* Console.log(
      `runner ready at ${settings.host}:${settings.port}: job pool ${settings.pool}, cluster pool ` +
        `${settings.clusterPool}, ${settings.concurrency} supplier calls in flight`,
    )
    yield* stopIsNormalEnd
    return yield* Effect.never
  }).pipe(Effect.scoped)
