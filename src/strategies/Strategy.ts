/**
 * A strategy as a value: the schedule chosen and validated once (say, from a
 * job's settings), then run over any input with the runners' own face.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import type { ErrorMode, Input, ItemOf, RunOptions, RunResult, Task } from "./Runner.ts"

/**
 * A validated strategy: its name and limit, and `run`, which takes the same
 * input, task and options as the runners (the limit is already part of the
 * strategy), with the same defaults: fail-fast, input order.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { pooledStrategy } from "poolwise"
 *
 * const program = Effect.gen(function*() {
 *   const strategy = yield* pooledStrategy({ concurrency: 2 })
 *   return yield* strategy.run([1, 2, 3], (n) => Effect.succeed(n * 2))
 * })
 * Effect.runSync(program) // [2, 4, 6]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Strategy {
  readonly name: "pooled" | "chunked" | "unbounded"
  /**
   * `concurrency` for pooled (a live or adaptive limit's value when read),
   * `chunkSize` for chunked, `"unbounded"` for unbounded.
   */
  readonly limit: number | "unbounded"
  readonly run: <
    I extends Input<unknown>,
    B,
    E,
    R,
    M extends ErrorMode = "fail-fast",
    H extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
    X extends Effect.Effect<unknown, unknown, unknown> | undefined = undefined,
  >(
    items: I,
    task: Task<ItemOf<I>, B, E, R>,
    options?: RunOptions<M, H, X>,
  ) => RunResult<I, B, E, R, M, H, X>
}
