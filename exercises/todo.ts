/**
 * `todo()` marks what is left for you to write: replace each `todo()` with
 * your answer. Until then the exercise is "not yet", never a crash.
 *
 * `todo()`는 직접 써야 할 자리입니다. 각 `todo()`를 답으로 바꾸세요.
 */
export class Todo extends Error {
  readonly _tag = "Todo"
  constructor() {
    super("todo(): not written yet")
    this.name = "Todo"
  }
}

/**
 * Stands for any value, so an unfinished exercise still type-checks. It takes
 * the names the missing code will use (`todo(items, task)`), only so that
 * they count as used until you write that code.
 */
export const todo = (..._willUse: ReadonlyArray<unknown>): never => {
  throw new Todo()
}
