/**
 * The run's report as the cluster reads it back: the coordinator stores it as
 * JSON in `sync_runs.report`, and the client, another process, decodes it
 * instead of trusting it. Failure groups travel in every page's answer too.
 *
 * TODO(rooms-sync): `poolwise/sync` is to publish the Schema of `SyncReport`
 * (and of its failure groups); this module then goes, and the cluster decodes
 * with that one.
 *
 * @internal
 */
import { Schema } from "effect"

/** The products that failed for one reason, as ascending `[from, to]` ranges of ids. */
export const FailureGroupSchema = Schema.Struct({
  reason: Schema.String,
  errno: Schema.optional(Schema.Number),
  code: Schema.optional(Schema.String),
  count: Schema.Int,
  ids: Schema.Array(Schema.Tuple(Schema.Number, Schema.Number)),
})

/** A `SyncReport`, field for field (its decoded type is checked against `SyncReport` where it is read: ClusterRuns). */
export const SyncReportSchema = Schema.Struct({
  strategy: Schema.Literal("pooled", "chunked", "unbounded"),
  limit: Schema.Union(Schema.Int, Schema.Literal("unbounded")),
  write: Schema.Literal("row", "bulk"),
  batchSize: Schema.Int,
  products: Schema.Int,
  updated: Schema.Int,
  failed: Schema.Int,
  alreadySynced: Schema.Int,
  failures: Schema.Array(FailureGroupSchema),
  statements: Schema.Int,
  retries: Schema.Int,
  outages: Schema.Int,
  elapsedMs: Schema.Number,
  peakConnections: Schema.Int,
  stoppedBy: Schema.optional(Schema.String),
  runId: Schema.String,
  resumed: Schema.Boolean,
})

/** Decodes the JSON text of a stored report; a malformed one is a `ParseError` naming the field. */
export const decodeStoredReport = Schema.decodeUnknown(Schema.parseJson(SyncReportSchema))
