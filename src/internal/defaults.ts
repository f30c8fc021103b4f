/**
 * Every default of the kit, written once: the library's layers and job, the
 * cluster, and the CLI read them from here. A default is the production-safe
 * choice, so a user needs no flag to survive a dropped connection; each says
 * why it is what it is.
 *
 * This module imports nothing but `Duration`, so the CLI can show defaults in
 * `--help` without loading the SQL driver or the cluster.
 *
 * @internal
 */
import { Duration } from "effect"

/** Connections per pool when none is given: small on purpose; raise it knowingly. */
export const poolSize = 5

/** One connection attempt. Below `MysqlClient.make`'s own hard 5 s, so the driver's error (ETIMEDOUT…) shows. */
export const connectTimeout: Duration.Duration = Duration.seconds(4)

/** How long a server that stops answering is waited for: a restart or failover takes seconds; this rides most out. */
export const serverWait: Duration.Duration = Duration.seconds(30)

/** A row lock held elsewhere fails a write after this, not after MySQL's 50 s (which would also hold the connection). */
export const lockWaitTimeout: Duration.Duration = Duration.seconds(5)

/**
 * What a statement's reply may take beyond the lock wait limit before it is
 * given up (issue 21): a write that waited its whole lock wait still answers
 * within this margin on a loaded server, while a frozen server or a dead path
 * is noticed in seconds, not hours.
 */
export const statementMargin: Duration.Duration = Duration.seconds(5)

/** The reply deadline of every statement of the product store: the lock wait limit plus the margin, 10 s. */
export const statementTimeout: Duration.Duration = Duration.sum(lockWaitTimeout, statementMargin)

/**
 * After a stop (Ctrl-C, SIGTERM, a server that never came back), the most the
 * job spends cancelling its statements and asking which writes landed before
 * it reports: a frozen server answers neither, and the process must still end
 * within seconds. What it could not check is reported "unknown".
 */
export const stopBudget: Duration.Duration = Duration.seconds(3)

/** Rows per multi-row UPDATE with `write: "bulk"`: large enough to amortise a round trip, small enough for one packet. */
export const batchSize = 500

/** Ids per keyset page the job reads: flat memory whatever the table size. */
export const idPageSize = 1_000

/** The simulated server's `max_connections`: MySQL's own default. */
export const simulatedMaxConnections = 151

/** The simulated store's pool: mysql2's own default `connectionLimit`, so the simulation behaves like an unconfigured pool. */
export const simulatedPoolSize = 10

/** Time each simulated statement holds its connection: small, yet not zero, so pools and gates are exercised. */
export const simulatedQueryLatency: Duration.Duration = Duration.millis(1)

/** Rows per INSERT when the store makes sure products exist: one round trip per thousand rows, well under a packet. */
export const insertBatchSize = 1_000

/** The simulated supplier's mean latency: a remote API's, slow next to a statement. */
export const supplierMeanLatency: Duration.Duration = Duration.millis(50)

/**
 * A simulated supplier with a capacity C refuses past 1.2 × C in flight
 * (the adaptive limit's test service: C = 50, refusals past 60), so a limit
 * slightly above C is slow, not refused.
 */
export const supplierRefuseFactor = 1.2

/** The simulated supplier's seed: fixed, so runs repeat exactly. */
export const supplierSeed = 1

/** Where `layerMysql()` connects when neither a URL nor `MYSQL_URL`/`MYSQL_HOST`… is given: the local server CI sets up. */
export const mysqlEnvironment = { host: "127.0.0.1", port: 3306, user: "root", database: "test" } as const

/** Retries of a deadlock or lock wait timeout. */
export const retryTimes = 5
/** The first retry's delay; each next one is twice the last, jittered. */
export const retryBase: Duration.Duration = Duration.millis(50)
/** No retry waits longer than this. */
export const retryCap: Duration.Duration = Duration.seconds(2)
/** Retries of "too many connections": few, since hammering an overloaded server is how the incident began. */
export const refusedTimes = 2

/** Products per page of a cluster run of up to 10,000 products (`clusterMaxPages` pages of 25). */
export const clusterPageSize = 25
/**
 * The most pages a cluster run is cut into when no page size is given: a
 * larger run gets larger pages. A page costs about 20 statements of
 * bookkeeping (its placement, message, reply, attempt), whatever its size:
 * 0.8 per product at 25, 0.08 at 250. Bounded pages also bound the run's
 * rows in the cluster's tables, and the coordinator's work, at any size.
 */
export const clusterMaxPages = 400
/** A cluster run's page size when none is given: 25, or enough that `products` fit in `clusterMaxPages` pages. */
export const clusterPageSizeFor = (products: number): number =>
  Math.max(clusterPageSize, Math.ceil(products / clusterMaxPages))
/** The cluster storage's pool: one connection stays reserved for shard locks, the other carries messages. */
export const clusterPool = 2
/**
 * Times a page the cluster interrupted (its runner died or its shard moved
 * while it ran) is placed again and sent under a new entity id before it is
 * reported as failed "interrupted". A write is conditional on the run, so a
 * page sent again never writes a product twice.
 */
export const pageResends = 3
/** Pages the coordinator hands one runner at a time, and a runner works on at once. */
export const pagesPerRunner = 6
/**
 * Pages one runner holds when a run's last page is handed out: its room
 * shrinks from `pagesPerRunner` as the pages left per runner run out, so the
 * runners end together (a runner's last pages are work only it can do).
 */
export const pagesPerRunnerAtEnd = 3
/** A runner registration not refreshed for this long belongs to a runner that is gone. */
export const budgetStaleAfter: Duration.Duration = Duration.seconds(10)
/**
 * How often a cluster client reads its run's progress and report: one read
 * of one row by primary key (`ClusterRuns.follow`), so it costs the same at
 * any size, and the report is seen 25 ms after it is stored on average.
 */
export const clusterPollInterval: Duration.Duration = Duration.millis(50)
/** How often a cluster client checks that some runner is alive (`noRunnerTimeout` is counted from these). */
export const clusterLivenessInterval: Duration.Duration = Duration.seconds(1)
/**
 * How often the coordinator looks for newly submitted runs: a run starts 50 ms after it is submitted on average.
 * One indexed read of the open runs, ten a second whether or not a run goes on.
 */
export const coordinatorPollInterval: Duration.Duration = Duration.millis(100)
/** How long a cluster client waits with no runner alive before it gives up. */
export const noRunnerTimeout: Duration.Duration = Duration.seconds(15)
/** After a stop (Ctrl-C), how long a cluster client waits for the partial report. */
export const stopTimeout: Duration.Duration = Duration.seconds(30)
/** The port a runner listens on. */
export const runnerPort = 34431

/** The CLI's own choices: a run that shows the point in a couple of seconds. */
export const cli = {
  products: 1_000,
  concurrency: 10,
  supplierLatencyMs: 20,
  /**
   * `--concurrency auto`: an adaptive limit within 1 to 100 (the supplier's
   * capacity is unknown), starting at the fixed default. The gradient reads
   * the simulated supplier's ±50 % spread itself (internal/limits/latencyNoise.ts);
   * the tolerance stays wide for the live clock, where a busy machine's event
   * loop delays every call in flight at once, which no margin tells from a queue.
   */
  autoConcurrency: { min: 1, max: 100, initial: 10, tolerance: 0.5 },
} as const

/** A chart draws at most this many spans: beyond it the SVG or text is too large to be read. */
export const maxRenderedSpans = 10_000

/**
 * An adaptive limit's defaults (issue 19). It starts at `min` and doubles
 * while no queue shows. `backoff`: an overload takes 10 % off, as Netflix's
 * AIMDLimit, since the latency gradient has usually cut before the first
 * refusal. `tolerance`: 10 % above the quiet latency is noise, not a queue,
 * so the limit settles near 1.1 × the service's capacity.
 */
export const adaptive = {
  min: 1,
  algorithm: "gradient",
  backoff: 0.9,
  tolerance: 0.1,
} as const

/**
 * A rate limit's burst when none is given: 1, so starts are spaced evenly and
 * no window of the rate's interval ever holds more than its limit (a supplier
 * that counts "50 per second" refuses nothing).
 */
export const rateBurst = 1
