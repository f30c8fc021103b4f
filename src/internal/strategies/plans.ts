/**
 * A strategy, validated: its name and limit, and the two engines that start
 * its items, one over iterables (results stored by index) and one over
 * streams. The three strategies differ here and nowhere else.
 *
 * @internal
 */
import { Effect, Stream } from "effect"
import type { ChunkedOptions, PooledOptions, Task, UnboundedOptions } from "../../strategies/Runner.ts"
import type { Strategy } from "../../strategies/Strategy.ts"
import { check, type InvalidOptionError, positiveInteger, refuse } from "../options/rules.ts"
import { admissionOf, concurrencyRule, currentLimit, optionalRate, startTimesOf } from "./admission.ts"
import { admittedEngine } from "./admittedWorkers.ts"
import { chunkEngine, type Engine, workerEngine } from "./itemEngines.ts"
import { workerStream } from "./workerStream.ts"

/**
 * The kit's own engine's asks of a stream run (never public options): `discard`
 * runs the tasks for their effects alone (the output only ends or fails),
 * `buffer` asks for room for at least that many finished results. The pooled
 * crew takes both; chunked and unbounded read neither (their results are
 * emitted, and the caller drains them).
 */
export interface StreamTuning {
  readonly discard?: boolean | undefined
  readonly buffer?: number | undefined
}

/**
 * Runs `task` over a stream with the strategy's schedule. Results in input
 * order when `ordered`, else each as soon as its task ends. Each task gets
 * its item's index in the stream.
 */
export type StreamEngine = <A, B, E, R>(
  task: Task<A, B, E, R>,
  ordered: boolean,
  tuning?: StreamTuning,
) => <E2, R2>(items: Stream.Stream<A, E2, R2>) => Stream.Stream<B, E | E2, R | R2>

/** What a runner needs of a validated strategy. */
export interface Plan {
  readonly name: Strategy["name"]
  readonly limit: Strategy["limit"]
  readonly engine: Engine
  readonly stream: StreamEngine
}

/**
 * `concurrency` workers share one cursor; over a stream they pull it chunk by
 * chunk. A fixed number without a rate keeps the tight loop; a live or
 * adaptive limit, or a rate, admits each start (admission.ts), with a fresh
 * rate schedule per run. `limit` reads a moving limit's current value.
 */
export const pooledPlan = (options: PooledOptions): Effect.Effect<Plan, InvalidOptionError> =>
  Effect.map(
    Effect.zip(
      check(concurrencyRule, "concurrency", options?.concurrency),
      check(optionalRate, "rate", options?.rate),
    ),
    ([concurrency, rate]) => {
      if (concurrency._tag === "fixed" && rate === undefined) {
        const n = concurrency.n
        return {
          name: "pooled",
          limit: n,
          engine: workerEngine(n),
          stream: (task, ordered, tuning) =>
            workerStream(task, n, { ordered, discard: tuning?.discard, buffer: tuning?.buffer }),
        }
      }
      const admission = Effect.suspend(() => admissionOf(concurrency, rate))
      return {
        name: "pooled",
        get limit() {
          return currentLimit(concurrency)
        },
        engine: admittedEngine(admission),
        stream: (task, ordered, tuning) =>
          workerStream(task, currentLimit(concurrency), {
            ordered,
            admission,
            discard: tuning?.discard,
            buffer: tuning?.buffer,
          }),
      }
    },
  )

/**
 * Chunks of `chunkSize`, one after another; a chunk all at once. Always in
 * input order. With a rate, each item of a chunk also waits for its start
 * time (a fresh schedule per run, as pooled's); without one, the tight path.
 */
export const chunkedPlan = (options: ChunkedOptions): Effect.Effect<Plan, InvalidOptionError> =>
  Effect.map(
    Effect.zip(
      check(positiveInteger, "chunkSize", options?.chunkSize),
      check(optionalRate, "rate", options?.rate),
    ),
    ([chunkSize, rate]) => {
      const startTimes = rate === undefined ? undefined : Effect.suspend(() => startTimesOf(rate))
      const inChunks = <A, B, E, R>(task: Task<A, B, E, R>) => <E2, R2>(items: Stream.Stream<A, E2, R2>) =>
        items.pipe(
          Stream.grouped(chunkSize),
          Stream.zipWithIndex,
          Stream.mapEffect(([chunk, chunkIndex]) =>
            Effect.forEach(chunk, (item, i) => task(item, chunkIndex * chunkSize + i), { concurrency: "unbounded" })
          ),
          Stream.flattenIterables,
        )
      return {
        name: "chunked",
        limit: chunkSize,
        engine: chunkEngine(chunkSize, startTimes),
        stream: startTimes === undefined
          ? inChunks
          : <A, B, E, R>(task: Task<A, B, E, R>) => <E2, R2>(items: Stream.Stream<A, E2, R2>) =>
            Stream.unwrap(
              Effect.map(startTimes, (token) => inChunks((item: A, index: number) => token(task(item, index)))(items)),
            ),
      }
    },
  )

/** Every item at once: the pooled engine with no limit, so it reads any iterable the same way. */
const unboundedPlanValue: Plan = {
  name: "unbounded",
  limit: "unbounded",
  engine: workerEngine(Number.POSITIVE_INFINITY),
  stream: (task, ordered) => (items) =>
    items.pipe(
      Stream.zipWithIndex,
      Stream.mapEffect(([item, index]) => task(item, index), { concurrency: "unbounded", unordered: !ordered }),
    ),
}

/**
 * Unbounded takes no limit, and so no rate: it has no limit for a rate to sit
 * on. A `rate` given anyway (from JavaScript) is refused, not ignored.
 */
export const unboundedPlan = (options?: UnboundedOptions): Effect.Effect<Plan, InvalidOptionError> => {
  const rate = (options as { readonly rate?: unknown } | undefined)?.rate
  return rate === undefined ? Effect.succeed(unboundedPlanValue) : check(
    () => refuse("rate", rate, "unbounded takes no rate, it has no limit for a rate to sit on (use pooled or chunked)"),
    "rate",
    rate,
  )
}
