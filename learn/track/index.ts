/**
 * The track: every exercise, numbered in the chapters' reading order
 * (1, 2, 3, 9, 4, 5, 6, 7, 8, 10, as docs/README.md reads them).
 */
import type { Exercise, ExerciseDefinition } from "../exercise.ts"
import { capTheFanOut, eitherBoundAlone } from "./01-incident.ts"
import { aPoolByHand, chunksByHand, predictChunksAndPool } from "./02-chunked-vs-pooled.ts"
import { forkThenAdjust, whenIsItDue, writeTheProof } from "./03-testing-time.ts"
import { chunksAgainstAPool, forEachThreeWays, inheritTheLimit, streamOrderedOrNot } from "./09-effects-own-tools.ts"
import { lendAConnection, oneSupplierTwoCallers } from "./09-semaphore-and-pool.ts"
import { littlesLaw, readTheHistogram, twoKnobs } from "./04-the-sql-pool.ts"
import { failFastOrCollect, keepEveryFailure } from "./05-failures.ts"
import { aTimeLimitPerTask, stopGracefully } from "./05-time-and-stops.ts"
import { pickPoolAndConcurrency, theBudget } from "./06-connection-budget.ts"
import { noSilentLimits, progressLikePLimit } from "./07-from-promise-pool.ts"
import { anIdempotentPage, whenToScaleOut } from "./08-beyond-one-process.ts"
import { aimdByHand, rateLimitStarts } from "./10-finding-n.ts"

const definitions: ReadonlyArray<ExerciseDefinition> = [
  capTheFanOut,
  eitherBoundAlone,
  predictChunksAndPool,
  chunksByHand,
  aPoolByHand,
  forkThenAdjust,
  whenIsItDue,
  writeTheProof,
  forEachThreeWays,
  streamOrderedOrNot,
  inheritTheLimit,
  oneSupplierTwoCallers,
  lendAConnection,
  chunksAgainstAPool,
  twoKnobs,
  littlesLaw,
  readTheHistogram,
  failFastOrCollect,
  keepEveryFailure,
  aTimeLimitPerTask,
  stopGracefully,
  theBudget,
  pickPoolAndConcurrency,
  noSilentLimits,
  progressLikePLimit,
  anIdempotentPage,
  whenToScaleOut,
  rateLimitStarts,
  aimdByHand,
]

export const track: ReadonlyArray<Exercise> = definitions.map((definition, i) => ({
  ...definition,
  number: i + 1,
  file: `${String(i + 1).padStart(2, "0")}-${definition.slug}.ts`,
}))

/** Exercise `n` (1-based), if there is one. */
export const exerciseNumber = (n: number): Exercise | undefined => track[n - 1]
