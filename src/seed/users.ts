/**
 * The seed's own fixtures: the user table, the delayed lookup and the workload
 * from the incident write-up (tasks of 100, 300 and 200 ms).
 *
 * @since 0.1.0
 */
import { Data, Duration, Effect, Schema } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export const UserId = Schema.Int.pipe(Schema.positive(), Schema.brand("UserId"))

/**
 * @since 0.1.0
 * @category models
 */
export type UserId = typeof UserId.Type

/**
 * @since 0.1.0
 * @category models
 */
export class User extends Schema.Class<User>("User")({
  id: UserId,
  name: Schema.NonEmptyTrimmedString,
}) {}

/**
 * The seed's user table.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const users: ReadonlyArray<User> = [
  new User({ id: UserId.make(1), name: "Kim Minji" }),
  new User({ id: UserId.make(2), name: "Lee Jiho" }),
  new User({ id: UserId.make(3), name: "Park Seoyeon" }),
  new User({ id: UserId.make(4), name: "Choi Yuna" }),
]

/**
 * One unit of the seed workload: look up user `id`, taking `time` ms.
 *
 * @since 0.1.0
 * @category models
 */
export interface Lookup {
  readonly id: number
  readonly time: number
}

/**
 * The incident's workload: 100, 300 and 200 ms. With a limit of 2, chunked
 * needs 500 ms and pooled 300 ms.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const seedWorkload: ReadonlyArray<Lookup> = [
  { id: 1, time: 100 },
  { id: 2, time: 300 },
  { id: 3, time: 200 },
]

/**
 * @since 0.1.0
 * @category errors
 */
export class UserNotFound extends Data.TaggedError("UserNotFound")<{ readonly id: number }> {
  override get message(): string {
    return `No user with id ${this.id}`
  }
}

/**
 * Sleeps `time` ms (on Effect's `Clock`, so `TestClock` drives it), then
 * returns the user, or fails with {@link UserNotFound}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { findUserWithDelay, pooled, seedWorkload } from "poolwise"
 *
 * const program = pooled(seedWorkload, findUserWithDelay, { concurrency: 2 })
 * // Effect.runPromise(program) resolves after about 300 ms
 * ```
 *
 * @since 0.1.0
 * @category fixtures
 */
export const findUserWithDelay = ({ id, time }: Lookup): Effect.Effect<User, UserNotFound> =>
  Effect.sleep(Duration.millis(time)).pipe(
    Effect.zipRight(Effect.suspend(() => {
      const user = users.find((u) => u.id === id)
      return user ? Effect.succeed(user) : Effect.fail(new UserNotFound({ id }))
    })),
  )
