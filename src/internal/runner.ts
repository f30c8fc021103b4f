/**
 * The one constructor behind `pooled`, `chunked` and `unbounded`: validation
 * of the strategy's options, the two error modes, input order and the dual
 * signature, written once.
 *
 * @internal
 */
import { Effect, Either } from "effect"
import { dual } from "effect/Function"
import type { InvalidOptionError } from "../strategies/InvalidOptionError.ts"
import type { Settled, TaskFailure } from "../strategies/Settled.ts"
import type { ErrorMode, Runner, Strategy, Task } from "../strategies/Strategy.ts"

/** Pairs each failed result with its item. */
export const fromResults = <A, B, E>(
  items: ReadonlyArray<A>,
  results: ReadonlyArray<Either.Either<B, E>>,
): Settled<A, B, E> => {
  const errors: Array<TaskFailure<A, E>> = []
  results.forEach((result, index) => {
    if (Either.isLeft(result)) errors.push({ index, item: items[index]!, error: result.left })
  })
  return { results, errors }
}

/** Builds a {@link Runner} from a function that validates a strategy's options and returns the {@link Strategy}. */
export const makeRunner = <O>(
  strategyFor: (options: O) => Effect.Effect<Strategy, InvalidOptionError>,
): Runner<O> =>
  dual(
    (args) => typeof args[0] !== "function",
    <A, B, E, R>(items: Iterable<A>, task: Task<A, B, E, R>, options: O & { readonly mode?: ErrorMode }) =>
      Effect.flatMap(
        strategyFor(options ?? ({} as O)),
        ({ dispatch }): Effect.Effect<Array<B> | Settled<A, B, E>, E, R> => {
          const all = Array.from(items)
          return options?.mode === "collect"
            ? Effect.map(
              dispatch(all, (item, index) => Effect.either(task(item, index))),
              (results) => fromResults(all, results),
            )
            : dispatch(all, task)
        },
      ),
  )
