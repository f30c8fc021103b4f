/**
 * `poolwise sync --cluster`: the same job, submitted to the runners
 * (`poolwise runner`) and followed to its report. This process only records
 * the run and reads its progress: one connection, no cluster membership.
 */
import { Duration, Effect, Layer, Option } from "effect"
import { ClusterRuns } from "../cluster/ClusterRuns.ts"
import { submitClusterSync } from "../cluster/submitClusterSync.ts"
import type { MysqlEndpoint } from "../sql/DatabaseUrl.ts"
import { layerMysql } from "../sql/layerMysql.ts"
import { migrate } from "../sql/migrate.ts"
import { ProductRepository } from "../sync/ProductRepository.ts"
import { clientConnections } from "../internal/cluster/budget.ts"
import type { CliReport } from "./report.ts"
import type { SyncPlan } from "./syncPlan.ts"
import { ensureProducts, type RunControls } from "./syncSteps.ts"

/** The client's stack: one connection (its share of the budget), the schema migrated. */
const clientLayer = (endpoint: MysqlEndpoint, plan: SyncPlan) =>
  Layer.mergeAll(ProductRepository.layerSql(), ClusterRuns.layerSql).pipe(
    Layer.provideMerge(layerMysql({
      endpoint,
      poolSize: clientConnections,
      serverWait: plan.retries === 0 ? Duration.zero : plan.serverWait,
    })),
  )

/** Inserts any missing products, submits the run, follows it to its report. */
export const runClusterSync = (endpoint: MysqlEndpoint, plan: SyncPlan, controls: RunControls) =>
  Effect.gen(function* () {
    yield* migrate
    const repository = yield* ProductRepository
    // A resumed run's products exist already: it syncs its own count.
    if (Option.isNone(plan.resumeRun)) yield* ensureProducts(plan.products, repository.ensureProducts(plan.products))
    const report = yield* submitClusterSync({
      products: plan.products,
      pageSize: plan.pageSize,
      resume: Option.getOrUndefined(plan.resumeRun),
      progress: controls.progress,
      interruptWhen: controls.interruptWhen,
    })
    return { ...report, strategy: "pooled" } satisfies CliReport
  }).pipe(Effect.provide(clientLayer(endpoint, plan)))
