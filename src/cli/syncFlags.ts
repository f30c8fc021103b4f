/**
 * `poolwise sync`'s flags as the parser reads them, each number checked by
 * the kit's rule, and the flags that cannot go together refused by the
 * parser too, from the values it read: exit code 2 before anything runs.
 * Defaults shown in `--help` are the kit's own (src/internal/defaults.ts).
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Config, Duration, Effect, Either, Option } from "effect"
import * as defaults from "../internal/defaults.ts"
import { rateText } from "../internal/limits/rateText.ts"
import { fromText, nonNegativeInteger, positiveInteger, refuse, type Rule } from "../internal/options/rules.ts"
import { runId } from "../internal/options/rules.ts"
import { numberFlag, refusal } from "./flags.ts"
import type { SyncFlags } from "./syncPlan.ts"

const strategies = ["pooled", "chunked", "unbounded", "bulk"] as const

/** `--concurrency`: a whole number ≥ 1, or `auto` (an adaptive limit). */
const concurrencyOrAuto: Rule<number | "auto"> = (option, value) => {
  if (typeof value === "string" && value.trim() === "auto") return Either.right("auto")
  const checked = fromText(positiveInteger)(option, value)
  return Either.isLeft(checked) ? refuse(option, value, `expected a whole number ≥ 1 or "auto"`) : checked
}

const { min: autoMin, max: autoMax } = defaults.cli.autoConcurrency

const seconds = (duration: Duration.Duration) => Duration.toSeconds(duration)

export const syncFlags = {
  databaseUrl: Options.redacted("database-url").pipe(
    Options.withPseudoName("URL"),
    Options.withDescription(
      "mysql://user:password@host:port/database. Else MYSQL_URL; with neither, the embedded simulated database.",
    ),
    Options.withFallbackConfig(Config.redacted("MYSQL_URL")),
    Options.optional,
  ),
  products: numberFlag("products", positiveInteger, "Sync products 1..N, inserting any missing.", {
    default: defaults.cli.products,
  }),
  strategy: Options.choice("strategy", strategies).pipe(
    Options.withDescription(
      "pooled (the fix), chunked (Promise.all per chunk), unbounded (the incident), or bulk (pooled fetches, " +
        "multi-row writes). Default: pooled.",
    ),
    Options.optional,
  ),
  concurrency: Options.text("concurrency").pipe(
    Options.withPseudoName("N"),
    Options.withDescription(
      `A whole number ≥ 1. Tasks in flight for pooled and bulk; or auto: an adaptive limit from ${autoMin} to ` +
        `${autoMax} that settles where the supplier's latency starts to grow (docs/10-finding-n.md). ` +
        `Default: ${defaults.cli.concurrency}.`,
    ),
    Options.mapEffect((raw) => Either.mapLeft(concurrencyOrAuto("--concurrency", raw), refusal)),
    Options.optional,
  ),
  rate: Options.text("rate").pipe(
    Options.withPseudoName("N/s"),
    Options.withDescription(
      "At most N supplier calls start per second (or per min, h, ms; e.g. 50/s, 600/min, 5/10s), evenly " +
        "spaced, on top of the strategy's limit (pooled, bulk, chunked; unbounded has none to sit on). Default: no rate limit.",
    ),
    Options.mapEffect((raw) => Either.mapLeft(rateText("--rate", raw), refusal)),
    Options.optional,
  ),
  supplierCapacity: numberFlag(
    "supplier-capacity",
    positiveInteger,
    `Calls the simulated supplier serves at once: past it each call is slower, past ` +
      `${defaults.supplierRefuseFactor} × it the supplier answers "too many requests" (retried with backoff).`,
    { default: "unlimited" },
  ),
  chunkSize: numberFlag("chunk-size", positiveInteger, "Items per chunk for chunked.", {
    default: "the concurrency",
  }),
  batchSize: numberFlag("batch-size", positiveInteger, "Rows per write statement for bulk.", {
    default: defaults.batchSize,
  }),
  pool: numberFlag("pool", positiveInteger, "Connection pool size.", {
    default: `${defaults.poolSize}; for unbounded, one per product, as in the incident`,
  }),
  supplierLatency: numberFlag(
    "supplier-latency",
    positiveInteger,
    "Mean latency of the simulated supplier per product, in ms.",
    { default: defaults.cli.supplierLatencyMs },
  ),
  serverMaxConnections: numberFlag("max-connections", positiveInteger, "The simulated server's max_connections.", {
    default: `${defaults.simulatedMaxConnections}, like MySQL`,
  }),
  retries: numberFlag(
    "retries",
    nonNegativeInteger,
    "Retries of a statement after a deadlock or lock wait timeout (jittered exponential backoff from " +
      `${Duration.toMillis(defaults.retryBase)} ms, capped at ${seconds(defaults.retryCap)} s); 'too many ` +
      `connections' is retried at most ${defaults.refusedTimes} times, so the incident still shows. 0 turns every ` +
      "retry off, waiting for the server included.",
    { default: defaults.retryTimes },
  ),
  serverWait: numberFlag(
    "server-wait",
    nonNegativeInteger,
    "Seconds to wait for a server that stops answering (a crash, a restart, a failover), at startup and during " +
      "the run: workers pause and the run goes on when it is back; after that long the run stops with a report " +
      "that --resume completes. 0: do not wait.",
    { default: seconds(defaults.serverWait) },
  ),
  statementTimeout: numberFlag(
    "statement-timeout",
    positiveInteger,
    "Seconds a statement may wait for its reply (a frozen server, a path that drops packets): past it, its " +
      "connection is closed and the statement retried as after a lost connection, so --server-wait applies.",
    {
      default: `the lock wait limit (${seconds(defaults.lockWaitTimeout)} s) + ${
        seconds(defaults.statementMargin)
      } s = ${seconds(defaults.statementTimeout)}`,
    },
  ),
  json: Options.boolean("json").pipe(
    Options.withDescription("Print the report as one JSON object on the last line of stdout; no progress bar."),
  ),
  resume: Options.boolean("resume").pipe(
    Options.withDescription(
      "Continue the last run that did not update every product (e.g. one stopped with Ctrl-C), over the product " +
        "count recorded for it, skipping the products it already synced. Without such a run, start a new one. " +
        "Needs a real database: the simulated one starts empty in every process.",
    ),
  ),
  resumeRun: Options.text("resume-run").pipe(
    Options.withPseudoName("RUN_ID"),
    Options.withDescription(
      "With --cluster: complete cluster run RUN_ID (its report's runId) instead of submitting a new one: the " +
        "runners sync the products it did not write, over its own product count and pages, and the report is the " +
        "same as a whole run's. Refused when no cluster run has that id.",
    ),
    Options.mapEffect((raw) => Either.mapLeft(runId("--resume-run", raw), refusal)),
    Options.optional,
  ),
  cluster: Options.boolean("cluster").pipe(
    Options.withDescription(
      "Submit the run to the cluster's runners (start them with `poolwise runner`) and follow it here: the same " +
        "progress, report and exit codes. Needs --database-url (the runners' database). The runners' own flags " +
        "set their pools and concurrency.",
    ),
  ),
  pageSize: numberFlag("page-size", positiveInteger, "Products per page of a --cluster run.", {
    default: `${defaults.clusterPageSize}, or products / ${defaults.clusterMaxPages} when that is larger`,
  }),
  failuresFile: Options.file("failures").pipe(
    Options.withPseudoName("FILE"),
    Options.withDescription("Also write every failed product to FILE, one JSON object per line."),
    Options.optional,
  ),
}

/** The flags that set how this process runs the job: the runners set their own on a `--cluster` run. */
const localOnly: ReadonlyArray<readonly [flag: string, given: (flags: SyncFlags) => boolean]> = [
  ["--strategy", (flags) => Option.isSome(flags.strategy)],
  ["--chunk-size", (flags) => Option.isSome(flags.chunkSize)],
  ["--batch-size", (flags) => Option.isSome(flags.batchSize)],
  ["--pool", (flags) => Option.isSome(flags.pool)],
  ["--concurrency", (flags) => Option.isSome(flags.concurrency)],
  ["--supplier-latency", (flags) => Option.isSome(flags.supplierLatency)],
  ["--supplier-capacity", (flags) => Option.isSome(flags.supplierCapacity)],
  ["--rate", (flags) => Option.isSome(flags.rate)],
  ["--max-connections", (flags) => Option.isSome(flags.serverMaxConnections)],
  ["--statement-timeout", (flags) => Option.isSome(flags.statementTimeout)],
  ["--resume", (flags) => flags.resume],
]

/** Why these flags cannot go together, if they cannot (e.g. `--cluster --resume`). */
export const flagConflict = (flags: SyncFlags): string | undefined => {
  if (!flags.cluster) {
    if (Option.isSome(flags.rate) && Option.getOrUndefined(flags.strategy) === "unbounded") {
      return "--rate does not apply to --strategy unbounded: it has no limit for a rate to sit on (use pooled or chunked)"
    }
    if (Option.isSome(flags.resumeRun)) {
      return "--resume-run only applies to --cluster runs (--resume continues a local one)"
    }
    return Option.isSome(flags.pageSize) ? "--page-size only applies to --cluster runs" : undefined
  }
  if (Option.isNone(flags.databaseUrl)) return "--cluster needs --database-url (or MYSQL_URL): the runners' database"
  const local = localOnly.filter(([, given]) => given(flags)).map(([flag]) => flag)
  if (local.length > 0) {
    return `${local.join(", ")} ${local.length === 1 ? "does" : "do"} not apply ` +
      "to --cluster: the runners sync their pages pooled, with their own --pool and --concurrency " +
      "(see `poolwise runner --help`)" +
      (flags.resume ? "; a cluster run is completed with --resume-run RUN_ID (its report's runId)" : "")
  }
  const recorded = [["--products", flags.products], ["--page-size", flags.pageSize]] as const
  const given = recorded.filter(([, value]) => Option.isSome(value)).map(([flag]) => flag)
  return Option.isNone(flags.resumeRun) || given.length === 0 ? undefined : `${given.join(", ")} ` +
    `${given.length === 1 ? "does" : "do"} not apply to --resume-run: the run is completed over its own ` +
    "products and pages"
}

/** Every flag of `sync`, conflicts refused by the parser like a bad value: exit code 2 before anything runs. */
export const syncOptions: Options.Options<SyncFlags> = Options.all(syncFlags).pipe(
  Options.mapEffect((flags) => {
    const conflict = flagConflict(flags)
    return conflict === undefined
      ? Effect.succeed(flags)
      : Effect.fail(ValidationError.invalidValue(HelpDoc.p(conflict)))
  }),
)
